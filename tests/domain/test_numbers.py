import pytest

from dtanalysis.domain.numbers import NumberError, column_style, parse_number, token_style


@pytest.mark.parametrize("text,value,unit,qualifier", [
    ("2.045", 2045, None, None), ("0,7024", 0.7024, None, None), ("27,9%", 27.9, "%", None),
    ("~60 Mbps", 60, "Mbps", "about"), ("~ 60 Mbps", 60, "Mbps", "about"),
    ("hơn 2.045", 2045, None, "more_than"), ("gần 80%", 80, "%", "nearly"),
    ("khoảng 9.000", 9000, None, "about"), ("tối thiểu 50%", 50, "%", "at_least"),
    ("ít nhất 20%", 20, "%", "at_least"), ("top 10", 10, None, "at_most"),
    ("1.234,5", 1234.5, None, None), ("1,234.5", 1234.5, None, None),
    ("1.234.567", 1234567, None, None), ("0.7024", 0.7024, None, None),
    ("308 tỷ đồng", 308, "VND bn", None), ("hơn 11 nghìn", 11000, None, "more_than"),
    ("vượt mốc 40 Mbps", 40, "Mbps", "more_than"), ("thứ 4", 4, None, None),
    ("ít nhất một", 1, None, "at_least"), ("HƠN 80", 80, None, "more_than"),
])
def test_parse(text, value, unit, qualifier):
    number = parse_number(text)
    assert number.value == pytest.approx(value)
    assert (number.unit, number.qualifier, number.as_written) == (unit, qualifier, text)


def test_fraction_keeps_denominator():
    number = parse_number("35/35")
    assert (number.value, number.denominator) == (35, 35)


@pytest.mark.parametrize("token,style", [
    ("2.045", None), ("2,045", None),          # ambiguous: the column decides
    ("0,7024", "vi"), ("0.7024", "en"), ("27,9", "vi"), ("27.9", "en"),
    ("1.234,5", "vi"), ("1,234.5", "en"), ("1.234.567", "vi"), ("1,234,567", "en"),
    ("0.702", "en"), ("0,702", "vi"),          # a leading 0 group is never thousands
    ("2045", None),
])
def test_token_style(token, style):
    assert token_style(token) == style


def test_ambiguous_tokens_follow_their_column():
    assert column_style(["2.045", "0.5"]) == "en"
    assert parse_number("2.045", column_style(["2.045", "0.5"])).value == pytest.approx(2.045)
    assert column_style(["2.045", "0,5"]) == "vi"
    assert parse_number("2.045", column_style(["2.045", "0,5"])).value == 2045
    assert column_style(["2.045", "12"]) == "vi"          # no evidence: Vietnamese default
    assert column_style(["2.045"], default="en") == "en"
    assert parse_number("2,045", "en").value == 2045
    assert parse_number("2,045", "vi").value == pytest.approx(2.045)


def test_mixed_column_is_an_error():
    with pytest.raises(NumberError, match="mixes"):
        column_style(["0,5", "0.5"])


@pytest.mark.parametrize("text", ["", "n/a", "abc", "1 và 2", "bla 5", "1,2,3,4.5.6"])
def test_not_numbers(text):
    with pytest.raises(NumberError):
        parse_number(text)


def test_native_numbers_pass_through():
    assert parse_number(0.5).value == 0.5
    assert parse_number(14).value == 14
    with pytest.raises(NumberError):
        parse_number(float("nan"))
