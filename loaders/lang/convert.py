"""Convert the field's dictionaries into this project's data files (rerun on a new source release).

    python -m loaders.lang.convert --petrarch CAMEO.2.0.txt --agents Phoenix.agents.txt \
        --plover CAMEO2PLOVER-2021.txt --out loaders/lang/en

``CAMEO.2.0.txt`` and ``Phoenix.agents.txt`` are in ``petrarch2/data/dictionaries/`` of the public repository
``openeventdata/petrarch2`` (MIT); ``CAMEO2PLOVER-2021.txt`` is in ``openeventdata/PLOVER``
(CC BY-SA 4.0). The outputs are JSON Lines, one record per source line group, and a TSV table;
``SOURCES.md`` beside them records provenance and licences.
"""
from __future__ import annotations

import argparse
import csv
import json
from pathlib import Path

from loaders.lang.petrarch import read_agents, read_cameo2plover, read_verb_dictionary

VERBS_FILE = "cameo_verbs.jsonl"
AGENTS_FILE = "cameo_agents.jsonl"
TABLE_FILE = "cameo2plover.tsv"
TABLE_FIELDS = ("cameo", "plover", "mode", "context", "description")


def write_verbs(records: list[dict], path: Path) -> None:
    with path.open("w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n")


TABLE_HEADER = ("# CAMEO -> PLOVER 2021 conversion table, converted from CAMEO2PLOVER-2021.txt (openeventdata/PLOVER)\n"
                "# by loaders/lang/convert.py. Copyright Open Event Data Alliance, CC BY-SA 4.0; this table is\n"
                "# shared under the same licence. Do not edit by hand: rerun the converter.\n")


def write_table(rows: list[dict], path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        f.write(TABLE_HEADER)
        w = csv.DictWriter(f, fieldnames=TABLE_FIELDS, delimiter="\t", extrasaction="ignore", lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--petrarch", type=Path, required=True, help="PETRARCH verb dictionary (CAMEO.2.0.txt)")
    ap.add_argument("--plover", type=Path, required=True, help="CAMEO2PLOVER-2021.txt")
    ap.add_argument("--agents", type=Path, required=True, help="PETRARCH agents dictionary (Phoenix.agents.txt)")
    ap.add_argument("--out", type=Path, required=True, help="language folder for the verb dictionary, e.g. loaders/lang/en")
    ap.add_argument("--table-out", type=Path, default=Path(__file__).resolve().parent.parent / "data",
                    help="folder for the CAMEO -> PLOVER table (language-neutral)")
    a = ap.parse_args(argv)
    records = read_verb_dictionary(a.petrarch.read_text(encoding="utf-8", errors="replace"))
    rows = read_cameo2plover(a.plover.read_text(encoding="utf-8"))
    a.out.mkdir(parents=True, exist_ok=True)
    write_verbs(records, a.out / VERBS_FILE)
    agents = read_agents(a.agents.read_text(encoding="utf-8", errors="replace"))
    write_verbs(agents, a.out / AGENTS_FILE)
    write_table(rows, a.table_out / TABLE_FILE)
    print(f"{len(records)} dictionary records -> {a.out / VERBS_FILE}; {len(rows)} table rows -> {a.table_out / TABLE_FILE}")


if __name__ == "__main__":
    main()
