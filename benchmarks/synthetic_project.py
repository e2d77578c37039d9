"""Write a SYNTHETIC project (data/raw + the shipped suites and notebooks) with N units, for the
scaling benchmark. Every name, source and note says "Synthetic"; no value is real data.

    write_synthetic_project(Path("/tmp/x/syn-99"), 99)

Layout as `data/raw/` (same files and columns): a registry crosswalk of N units in regions of
about ten (the 2025 set pairs them two by two), official DTI ranking tables for several years
(overall score and rank plus three pillars; DTI in the index catalogue with its shipped metrics), reported press facts for 2024 and the yearly mean
over provinces, two indicators and one target per unit, one synthetic source. Codes are
two-digit strings, as the registry requires of GSO province codes: 99 units at most (the
2026-11-22 run's four-digit codes for 300 and 1,000 units are refused since the registry's
input checks).
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
YEARS = (2021, 2022, 2023)
REGION_SIZE = 10
SOURCE_ID = "synthetic-article-1"
NOTE = "SYNTHETIC benchmark data, not real"
PILLARS = (("dti", "DTI"), ("chinh_quyen_so", "Digital government"),
           ("kinh_te_so", "Digital economy"), ("xa_hoi_so", "Digital society"))


def _write(path: Path, header: list[str], rows: list[list]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def _ranked(scores: np.ndarray) -> np.ndarray:
    """Rank 1 for the highest score (scores are distinct)."""
    order = np.argsort(-scores, kind="stable")
    ranks = np.empty(len(scores), dtype=int)
    ranks[order] = np.arange(1, len(scores) + 1)
    return ranks


def write_synthetic_project(root: Path, n_units: int, seed: int = 0) -> Path:
    rng = np.random.default_rng(seed)
    if not 1 <= n_units <= 99:
        raise ValueError(f"{n_units} units: the registry takes two-digit codes, 1 to 99 units")
    codes = [f"{i:02d}" for i in range(1, n_units + 1)]
    names = [f"Synthetic {code}" for code in codes]
    raw = root / "data" / "raw"

    registry = []
    for i, (code, name) in enumerate(zip(codes, names)):
        region = f"Synthetic region {i // REGION_SIZE + 1:03d}"
        successor = codes[i - i % 2]  # units merge two by two in the synthetic 2025 set
        registry.append([code, f"Tỉnh {name}", "tỉnh", name, name, name,
                         f"{region} ({region})", successor, f"Tỉnh {names[i - i % 2]}",
                         successor, NOTE])
    _write(raw / "provinces_63_with_34_crosswalk.csv",
           ["gso_code_pre2025", "official_name_pre2025", "division_type_pre2025", "short_name",
            "short_name_ascii", "dti_2022_published_name", "gso_region_6", "new_code_2025",
            "new_name_2025", "package_old_to_new_raw", "note"], registry)

    header = ["Province", "Code", "Year"]
    for _, label in PILLARS:
        header += [f"{label} score", f"{label} rank"]
    header += ["Source", "Note"]
    means = {}
    for year in YEARS:
        columns = []
        for metric, _ in PILLARS:
            scores = rng.permutation(n_units) / (2 * n_units) + rng.uniform(0.1, 0.4)
            columns += [np.round(scores, 6), _ranked(scores)]
            if metric == "dti":
                means[year] = float(np.round(scores.mean(), 4))
        rows = [[names[i], codes[i], year]
                + [f"{c[i]:.6f}" if c.dtype.kind == "f" else int(c[i]) for c in columns]
                + [f"https://synthetic.example/dti-{year}", NOTE] for i in range(n_units)]
        _write(raw / "dti" / f"dti-{year}-63-synthetic.csv", header, rows)

    facts = [[year, "63", "ALL_PROVINCES_MEAN", "", "dti", f"{means[year]:.4f}", "", "reported",
              f"https://synthetic.example/press-{year}", NOTE] for year in YEARS]
    scores = rng.permutation(n_units) / (2 * n_units) + 0.2
    ranks = _ranked(scores)
    facts += [[2024, "63", names[i], codes[i], "dti", f"{scores[i]:.6f}", int(ranks[i]),
               "reported", "https://synthetic.example/press-2024", NOTE] for i in range(n_units)]
    _write(raw / "dti_press_facts_2020_2024.csv",
           ["year", "unit_set", "entity", "gso_code_pre2025", "metric", "value", "rank",
            "status", "source_url", "note"], facts)

    _write(raw / "indicator_catalogue.csv",
           ["indicator", "label_vi", "label_en", "unit", "higher_is_better", "min_value",
            "max_value", "note"],
           [["synthetic_online_share", "Tỷ lệ tổng hợp (synthetic)", "Synthetic online share",
             "%", "true", 0, 100, NOTE],
            ["synthetic_station_count", "Số trạm (synthetic)", "Synthetic station count",
             "count", "true", 0, "", NOTE]])
    shares = rng.uniform(10, 99, n_units).round(1)
    indicators = []
    for i, name in enumerate(names):
        indicators.append([name, "2023", "synthetic_online_share",
                           f"{shares[i]:.1f}".replace(".", ",") + "%", "%", SOURCE_ID, NOTE])
        indicators.append([name, "2023-06", "synthetic_station_count", f"hơn {100 + i}",
                           "count", SOURCE_ID, NOTE])
    indicators.append(["Việt Nam", "2023", "synthetic_online_share", "khoảng 80%", "%",
                       SOURCE_ID, NOTE])
    _write(raw / "indicators.csv",
           ["province", "period", "indicator", "as_written", "unit", "source_id", "quote"],
           indicators)
    _write(raw / "targets.csv",
           ["province", "indicator", "as_written", "unit", "target_year", "instrument",
            "issued", "source_id", "quote"],
           [[name, "synthetic_online_share", "100%", "%", 2025, "SYN-01/NQ", "2022-02-05",
             SOURCE_ID, NOTE] for name in names])
    _write(raw / "sources.csv",
           ["source_id", "publisher", "published", "title", "url", "seed_file", "note"],
           [[SOURCE_ID, "Synthetic Press", "2023-03-13", "A synthetic benchmark article",
             "https://synthetic.example/article-1", "", NOTE]])
    # DTI (a catalogue row, its metrics as shipped; its tables are those dropped into
    # data/raw/dti/ above) and one synthetic national index (a catalogue row, its metrics, one
    # complete table).
    _write(raw / "indices" / "catalogue.csv",
           ["index", "name_vi", "name_en", "publisher", "url", "official_hosts", "score_min",
            "score_max", "higher_is_better", "note"],
           [["dti", "Chỉ số DTI (synthetic)", "Synthetic DTI (DTI)", "Synthetic Press",
             "https://synthetic.example", "synthetic.example", 0, 1, "true", NOTE],
            ["syn", "Chỉ số tổng hợp (synthetic)", "Synthetic index", "Synthetic Press",
             "https://synthetic.example", "synthetic.example", 0, 100, "true", NOTE]])
    (raw / "indices" / "dti").mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "data" / "raw" / "indices" / "dti" / "metrics.csv",
                raw / "indices" / "dti" / "metrics.csv")
    _write(raw / "indices" / "syn" / "metrics.csv",
           ["metric", "parent", "label_vi", "label_en", "aliases", "aggregate", "score_min",
            "score_max", "note"],
           [["syn", "", "Chỉ số tổng hợp", "Synthetic index", "synthetic score", "none", 0, 100,
             NOTE]])
    index_scores = rng.permutation(n_units) / n_units * 50 + 25
    index_ranks = _ranked(index_scores)
    _write(raw / "indices" / "syn" / "syn-2023-63-synthetic.csv",
           ["Province", "Synthetic score", "Rank", "source_url"],
           [[names[i], f"{index_scores[i]:.4f}", int(index_ranks[i]),
             "https://synthetic.example/index-2023"] for i in range(n_units)])
    (raw / "README.md").write_text(f"# SYNTHETIC data: {n_units} made-up units for the "
                                   "scaling benchmark (benchmarks/run.py). Not real.\n",
                                   encoding="utf-8")
    for folder in ("expectations", "notebooks"):
        shutil.copytree(REPO / folder, root / folder, dirs_exist_ok=True)
    return root
