"""What to run: one `Job` per report (notebook, parameters, output path), planned and checked
before any kernel starts — an unknown province or parameter is refused here, not after minutes
of running (Papermill only logs unknown parameters)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from ..caches import cached
from ..domain.group import group_slug, resolve_group
from ..domain.registry import Province, ProvinceError, registry_at
from ..errors import InputError, ParameterError, ProjectError
from ..paths import (
    COMPARE_FOLDER,
    COMPARE_NOTEBOOK,
    COMPARISONS_FILE,
    OVERVIEW_NOTEBOOK,
    PROVINCE_NOTEBOOK,
    Paths,
)
from ..vocab import LANGS, UNIT_SETS


@dataclass(frozen=True)
class Job:
    kind: str            # "province", "overview" or "compare"
    label: str           # shown in progress and in the index
    notebook: Path
    parameters: dict
    out: Path            # output path without suffix: <out>.html / .ipynb / .json
    unit_set: str
    slug: str
    lang: str

    @property
    def html(self) -> Path:
        return self.out.parent / f"{self.out.name}.html"

    @property
    def ipynb(self) -> Path:
        return self.out.parent / f"{self.out.name}.ipynb"

    @property
    def record(self) -> Path:
        return self.out.parent / f"{self.out.name}.json"


def notebook_parameters(notebook: Path) -> set[str]:
    """Names in the notebook's `parameters` cell (read without starting a kernel)."""
    if not notebook.is_file():
        raise ParameterError(f"notebook {notebook} does not exist")
    return set(_parameters_of(str(notebook), notebook.stat().st_mtime_ns))


@cached("runner.notebook_parameters", maxsize=16)
def _parameters_of(notebook: str, mtime_ns: int) -> frozenset[str]:
    # Plain JSON, not nbformat: importing nbformat costs seconds (jsonschema), and a rebuild
    # where nothing changed must stay well under 1.5 s.
    try:
        nb = json.loads(Path(notebook).read_text(encoding="utf-8"))
        cells = nb.get("cells", []) if isinstance(nb, dict) else None
        if not isinstance(cells, list) or not all(isinstance(c, dict) for c in cells):
            raise ValueError("no list of cells")
    except (OSError, ValueError) as error:  # UnicodeDecodeError, JSONDecodeError: ValueErrors
        raise ProjectError(f"{Path(notebook).name} is not a notebook ({type(error).__name__}: "
                           f"{str(error)[:80]})", path=None,
                           hint="restore it (git checkout -- notebooks) or save it again "
                                "from Jupyter") from None
    for cell in cells:
        if cell.get("cell_type") == "code" and "parameters" in (cell.get("metadata") or {}).get(
                "tags", []):
            names = set()
            source = cell.get("source", "")
            source = "".join(source) if isinstance(source, list) else source
            for line in source.splitlines():
                name = line.split("=")[0].strip()
                if "=" in line and name.isidentifier():
                    names.add(name)
            return frozenset(names)
    raise ParameterError(f"{Path(notebook).name} has no cell tagged 'parameters'")


def check_parameters(notebook: Path, parameters: dict) -> None:
    known = notebook_parameters(notebook)
    unknown = sorted(set(parameters) - known)
    if unknown:
        raise ParameterError(f"unknown parameter(s) {', '.join(map(repr, unknown))} for "
                             f"{notebook.name}; it takes: {', '.join(sorted(known))}")


def province_job(paths: Paths, name: str, unit_set: str = "63", lang: str = "vi",
                 extra: dict | None = None) -> Job:
    """The job for one province; raises ParameterError for an unknown name or parameter.
    The output's name is the unit's slug from the registry, never the name as given."""
    if not str(name).strip():
        raise ParameterError("the province name is empty", hint="give a name, a GSO code or "
                             "a slug (dtanalysis provinces lists them)")
    try:
        unit = registry_at(paths).resolve(name, unit_set=unit_set)
    except ProvinceError as error:
        raise ParameterError(str(error)) from error
    notebook = paths.notebooks / PROVINCE_NOTEBOOK
    parameters = {"province": unit.short_name, "unit_set": unit_set, "lang": lang,
                  **(extra or {})}
    links = comparison_links(paths, lang).get((unit_set, unit.code))
    if (links and "comparisons" not in parameters
            and "comparisons" in notebook_parameters(notebook)):  # a member of a group
        parameters["comparisons"] = links  # compared by build (a notebook that takes them)
    check_parameters(notebook, parameters)
    return Job("province", unit.short_name, notebook, parameters,
               paths.report_folder(unit_set) / f"{unit.slug}{_suffix(lang)}", unit_set,
               unit.slug, lang)


def overview_job(paths: Paths, lang: str = "vi", unit_set: str = "63") -> Job:
    """The national overview of a unit set: `reports/overview.html` for the 63 provinces,
    `reports/overview-34.html` for the 34 units of 2025 (`.en` before `.html` in English)."""
    notebook = paths.notebooks / OVERVIEW_NOTEBOOK
    parameters = {"lang": lang} if unit_set == "63" else {"unit_set": unit_set, "lang": lang}
    check_parameters(notebook, parameters)
    label = "Toàn quốc" if lang == "vi" else "National overview"
    slug = "overview"
    if unit_set != "63":
        label += f" ({unit_set} đơn vị)" if lang == "vi" else f" ({unit_set} units)"
        slug = f"overview-{unit_set}"
    return Job("overview", label, notebook, parameters,
               paths.reports / f"{slug}{_suffix(lang)}", unit_set, slug, lang)


def all_province_jobs(paths: Paths, unit_set: str, lang: str,
                      extra: dict | None = None) -> list[Job]:
    return [province_job(paths, unit.code, unit_set, lang, extra)
            for unit in registry_at(paths).all(unit_set)]


def check_year(paths: Paths, unit_set: str, year: int) -> int:
    """`year` if the set has DTI data that year (read from the processed CSV, no pandas)."""
    import csv  # lazy: only for --year

    table = paths.processed / "dti.csv"
    years = set()
    if table.is_file():
        with table.open(encoding="utf-8-sig", newline="") as handle:
            years = {int(r["year"]) for r in csv.DictReader(handle)
                     if r.get("unit_set") == unit_set and r.get("year", "").isdigit()}
    if year not in years:
        raise ParameterError(f"no DTI data for year {year} in the {unit_set}-unit set; years "
                             f"with data: {', '.join(map(str, sorted(years))) or 'none'}")
    return year


def check_peers(paths: Paths, unit_set: str, names: list[str]) -> list[str]:
    """The peers' short names (any spelling given); an unknown one is a ParameterError."""
    try:
        return [registry_at(paths).resolve(n, unit_set=unit_set).short_name for n in names]
    except ProvinceError as error:
        raise ParameterError(str(error)) from error


def compare_job(paths: Paths, names, unit_set: str = "63", lang: str = "vi",
                where: str = "") -> Job:
    """The comparison of a chosen group (2 to 8 units of one set, any spelling, none twice):
    `reports/compare/<slug-a>--<slug-b>….html` (`-34` before the suffix for the 34-unit
    set, `.en` in English). Refused (ParameterError, one line) before any kernel starts."""
    return _compare_job(paths, resolve_group(names, unit_set, paths, where), unit_set,
                        lang)


def _compare_job(paths: Paths, units: list[Province], unit_set: str, lang: str) -> Job:
    notebook = paths.notebooks / COMPARE_NOTEBOOK
    parameters = {"provinces": [u.short_name for u in units], "unit_set": unit_set,
                  "lang": lang}
    check_parameters(notebook, parameters)
    slug = compare_slug(units, unit_set)
    return Job("compare", " · ".join(u.short_name for u in units), notebook, parameters,
               paths.reports / COMPARE_FOLDER / f"{slug}{_suffix(lang)}", unit_set, slug, lang)


def compare_slug(units: list[Province], unit_set: str) -> str:
    return group_slug(units) + ("" if unit_set == "63" else f"-{unit_set}")


def read_comparisons(paths: Paths) -> list[tuple[str, list[Province]]]:
    """The groups of `data/raw/comparisons.csv` (columns `unit_set`, `units`: names separated
    by `;`, any spelling; `note`, free text), each checked as `dtanalysis compare` checks
    its units. A bad row, or a group listed twice, is refused in one line naming the file and
    row (InputError / ParameterError, exit 2). No file: no comparisons."""
    import csv  # lazy: only when the file exists

    path = paths.raw / COMPARISONS_FILE
    if not path.is_file():
        return []
    shown = paths.relative(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (UnicodeDecodeError, OSError) as error:
        raise InputError(f"cannot be read as UTF-8 text ({type(error).__name__})", path=shown,
                         hint="save it as CSV in UTF-8") from None
    reader = csv.DictReader(text.splitlines())
    missing = {"unit_set", "units"} - set(reader.fieldnames or [])
    if missing:
        raise InputError(f"has no column {', '.join(sorted(missing))}", path=shown,
                         hint="the header is: unit_set,units,note")
    groups, seen = [], {}
    for line, row in enumerate(reader, start=2):
        unit_set = (row.get("unit_set") or "").strip()
        names = [n.strip() for n in (row.get("units") or "").split(";") if n.strip()]
        if not unit_set and not names:
            continue  # a blank line
        units = resolve_group(names, unit_set, paths, where=f"{shown}, row {line}: ")
        key = (unit_set, frozenset(u.code for u in units))
        if key in seen:
            raise ParameterError(f"{shown}, row {line}: the same group as row {seen[key]}",
                                 hint="list each group once")
        seen[key] = line
        groups.append((unit_set, units))
    return groups


def comparison_jobs(paths: Paths, lang: str) -> list[Job]:
    return [_compare_job(paths, units, unit_set, lang)
            for unit_set, units in read_comparisons(paths)]


def comparison_links(paths: Paths, lang: str) -> dict[tuple[str, str], list[list[str]]]:
    """(unit_set, code) → [[href from the unit's report, label], …] of the comparisons of
    `data/raw/comparisons.csv` the unit is in: its report's `comparisons` parameter (read
    once while the file is unchanged)."""
    path = paths.raw / COMPARISONS_FILE
    try:
        stamp = path.stat().st_mtime_ns
    except OSError:
        return {}
    return _comparison_links(paths, lang, stamp)


@cached("runner.comparison_links", maxsize=8)
def _comparison_links(paths: Paths, lang: str,
                      stamp: int) -> dict[tuple[str, str], list[list[str]]]:
    links: dict[tuple[str, str], list[list[str]]] = {}
    for unit_set, units in read_comparisons(paths):
        href = f"../{COMPARE_FOLDER}/{compare_slug(units, unit_set)}{_suffix(lang)}.html"
        label = " · ".join(u.short_name for u in units)
        for unit in units:
            links.setdefault((unit_set, unit.code), []).append([href, label])
    return links


def build_plan(paths: Paths, langs: str | tuple[str, ...] | list[str] = LANGS) -> list[Job]:
    """Every report of a build in each of `langs` (default: Vietnamese and English): the
    overview of each set, then every unit of both sets, then the comparisons of
    `data/raw/comparisons.csv` (each member's report links them: its parameter `comparisons`,
    `province_job`)."""
    plan = []
    for lang in (langs,) if isinstance(langs, str) else langs:
        plan += [overview_job(paths, lang, unit_set) for unit_set in UNIT_SETS]
        for unit_set in UNIT_SETS:
            plan += all_province_jobs(paths, unit_set, lang)
        plan += comparison_jobs(paths, lang)
    return plan


def lang_suffix(lang: str) -> str:
    """A page's name before `.html`: nothing in Vietnamese (`hai-phong.html`), `.en` in English
    (`hai-phong.en.html`): the same folder, the same slug, one language per page."""
    return "" if lang == "vi" else f".{lang}"


_suffix = lang_suffix
