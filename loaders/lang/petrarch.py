"""Readers for the event-data field's dictionary formats, as data in, plain records out.

* :func:`read_verb_dictionary` reads a PETRARCH verb dictionary (``CAMEO.2.0.txt`` of
  ``openeventdata/petrarch2``): synonym sets (``&NAME`` + ``+word`` lines), verb blocks
  (``--- NAME [code] ---``, verb lines, ``- pre * post (PREP obj) [code] # verb`` pattern lines).
* :func:`read_agents` reads a PETRARCH agents dictionary (``Phoenix.agents.txt``): ``PHRASE [~CODE]`` lines
  naming kinds of people with their CAMEO sector code (``GUERRILLA [~REB]``), ``!MACRO! = A, B`` expansions.
* :func:`read_cameo2plover` reads the OEDA conversion table (``CAMEO2PLOVER-2021.txt`` of
  ``openeventdata/PLOVER``): ``code: CATEGORY, mode, context # description``.

The format is PETRARCH's (its ``docs/source/dictionaries.rst``); this is a fresh reader of that
format, not PETRARCH's code. Every record keeps its source line, so the conversion can be
checked line by line against the source (``tests/test_verb_dictionary.py``).

>>> p = parse_pattern("- * (TO {BANNED PARTIES}) $   [1722]   # ADD")
>>> p["preps"], p["post"], p["code"]
([{'prep': 'to', 'objects': [{'phrase': ['banned', 'parties']}]}], [{'slot': 'source'}], '1722')
>>> parse_code("[042:043]"), parse_code("[:173]"), parse_code("[---]")
(('042', '043'), (None, '173'), (None, None))
"""
from __future__ import annotations

import re

SLOTS = {"+": "target", "$": "source", "^": "any", "%": "compound"}
_HEADER = re.compile(r"^---\s+(\S+)\s+\[([^\]]*)\]")
_CODE = re.compile(r"\[([^\]]*)\]")


def parse_code(text: str) -> tuple[str | None, str | None]:
    """``[A]``, ``[A:B]`` (B: the same act seen from the target), ``[:B]``, ``[---]`` -> (A, B)."""
    m = _CODE.search(text)
    if not m:
        return None, None
    parts = [p.strip() for p in m.group(1).split(":")]
    norm = [p if p and p.strip("-") else None for p in parts]
    return norm[0], norm[1] if len(norm) > 1 else None


def _split_groups(text: str) -> list[str]:
    """Words, ``{...}`` phrases and ``(...)`` prepositional groups as units."""
    out, depth, cur = [], 0, ""
    for ch in text:
        if ch in "({":
            if depth == 0 and cur.strip():
                out += cur.split()
                cur = ""
            depth += 1
            cur += ch
        elif ch in ")}":
            depth -= 1
            cur += ch
            if depth == 0:
                out.append(cur.strip())
                cur = ""
        elif ch.isspace() and depth == 0:
            if cur.strip():
                out.append(cur.strip())
            cur = ""
        else:
            cur += ch
    if cur.strip():
        out += cur.split()
    return out


def _phrase(word: str) -> str:
    """``CASH_`` (no plural), ``IS_TO`` (consecutive words) -> ``cash``, ``is to``."""
    return word.rstrip("_").replace("_", " ").lower()


def _element(unit: str) -> dict:
    if unit in SLOTS:
        return {"slot": SLOTS[unit]}
    if unit.startswith("{"):
        return {"phrase": [_phrase(w) for w in unit.strip("{}").split()]}
    if unit.startswith("&"):
        return {"set": unit}
    return {"w": _phrase(unit)}


def parse_pattern(line: str) -> dict:
    """One ``- ...`` line -> {pre, post, preps, code, reverse, comment}."""
    body = line.lstrip()[1:]
    body, _, comment = body.partition("#")
    code, reverse = parse_code(body)
    body = _CODE.sub(" ", body).replace("---", " ")
    pre, post, preps, seen_star = [], [], [], False
    for unit in _split_groups(body):
        if unit == "*":
            seen_star = True
        elif unit.startswith("("):
            words = _split_groups(unit[1:-1])
            preps.append({"prep": words[0].lower(), "objects": [_element(w) for w in words[1:]]})
        else:
            (post if seen_star else pre).append(_element(unit))
    return {"pre": pre, "post": post, "preps": preps, "code": code, "reverse": reverse,
            "comment": comment.strip()}


def parse_verb(line: str) -> dict:
    """One verb line of a block: ``+BRING_OUT {...} [code] # note`` -> {words, head, forms, code}."""
    body, _, _ = line.partition("#")
    code, _ = parse_code(body)
    forms = re.findall(r"\{([^}]*)\}", body)
    main = re.sub(r"\{[^}]*\}|\[[^\]]*\]", " ", body).split()[0]
    words = main.split("_")
    head = next((i for i, w in enumerate(words) if w.startswith("+")), 0)
    return {"words": [w.lstrip("+").lower() for w in words if w], "head": head,
            "forms": [f.replace("+", "").replace("_", " ").lower() for f in (forms[0].split() if forms else [])],
            "code": code}


def read_verb_dictionary(text: str) -> list[dict]:
    """All records of a PETRARCH verb dictionary, in file order (synsets, verbs, patterns)."""
    records: list[dict] = []
    section, block, synset = None, None, None
    for n, raw in enumerate(text.splitlines(), 1):
        line = raw.rstrip()
        if line.startswith("#######") or line.startswith("########"):
            section = line.strip("# ").split()[0].lower()  # synonym | verb | transformations
            continue
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            synset = None if not stripped else synset
            continue
        if section == "synonym":
            if stripped.startswith("&"):
                synset = {"type": "synset", "name": stripped.split()[0], "words": [], "line": n, "source": line}
                records.append(synset)
            elif stripped.startswith("+") and synset is not None:
                word = stripped[1:].split("#")[0].strip()
                synset["words"].append(_phrase(word))
                synset["source"] += "\n" + line
        elif section == "verb":
            header = _HEADER.match(stripped)
            if header:
                block = header.group(1)
                code, _ = parse_code("[" + header.group(2) + "]")
                records.append({"type": "block", "block": block, "code": code, "line": n, "source": line})
            elif stripped.startswith("-"):
                records.append({"type": "pattern", "block": block, **parse_pattern(stripped), "line": n,
                                "source": line})
            elif block is not None:
                records.append({"type": "verb", "block": block, **parse_verb(stripped), "line": n, "source": line})
    return records


def read_agents(text: str) -> list[dict]:
    """Agent phrases with their CAMEO sector code: {phrase, code, line, source}, macros expanded."""
    macros: dict[str, list[str]] = {}
    out = []
    for n, raw in enumerate(text.splitlines(), 1):
        line = raw.split("#")[0].strip()
        if not line:
            continue
        m = re.match(r"^(![A-Z]+!)\s*=\s*(.+)$", line)
        if m:
            macros[m.group(1)] = [w.strip().lower() for w in m.group(2).split(",")]
            continue
        m = re.match(r"^(.*?)\s*(?:\{[^}]*\})?\s*\[~?([A-Z]+)\]", line)
        if not m:
            continue
        phrase, code = m.group(1).strip(), m.group(2)
        forms = [phrase]
        for name, values in macros.items():
            if name in phrase:
                forms = [f.replace(name, v.upper() + " ") for f in forms for v in values]
        for f in forms:
            words = " ".join(f.replace("_", " ").split()).lower()
            if words:
                out.append({"phrase": words, "code": code, "line": n, "source": raw.rstrip()})
    return out


def read_cameo2plover(text: str) -> list[dict]:
    """Rows of the CAMEO -> PLOVER table: {cameo, plover, mode, context, description}."""
    rows = []
    for n, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        m = re.match(r"^(\d{2,4}):\s*([^#]*)(?:#\s*(.*))?$", line)
        if not m:
            continue
        fields = [f.strip() for f in m.group(2).split(",")] + ["", ""]
        rows.append({"cameo": m.group(1), "plover": fields[0], "mode": fields[1], "context": fields[2],
                     "description": (m.group(3) or "").strip(), "line": n})
    return rows
