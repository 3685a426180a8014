#!/usr/bin/env python3
"""tests/xlsx/xlsx_check.py: reads a ledger workbook (am_xlsx_write_ledger, docs/xlsx.md) with
openpyxl, as a coordinator's spreadsheet program would, and compares it with the JSON it was
made from.

usage: xlsx_check.py LEDGER.xlsx RESULT.json [--schedule SCHEDULE.json] [--province CODE]
                     [--expect-shortfalls]

Checks: the three sheets by name; on each a bold header row, the pane frozen at A2, an
autofilter over exactly the used range, and column widths that fit the widest text (a wide
CJK character counts 2) up to the cap; the groups sheet holds one row per membership of the
result (county, expert, role, channel, score), the shortfalls sheet one row per shortfall
(county, rule, missing, detail) with a cause, the meetings sheet one row per meeting of the
schedule (county, half, date as an Excel date, mode, fixed, attending, absent) or only its
header without a schedule. With --province only that province's counties (a county id starts
with its province code). Exits 1 with one line per problem.
"""
import argparse
import collections
import datetime
import json
import sys
import unicodedata

import openpyxl
from openpyxl.utils import get_column_letter

WIDTH_CAP = 60
SHEETS = ["专家组 groups", "缺口 shortfalls", "会议 meetings"]

problems = []


def problem(msg):
    problems.append(msg)


def text_width(s):
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in s)


def english(cell):
    """'组长 leader' -> 'leader' (the JSON name after the Chinese word)."""
    return cell.rsplit(" ", 1)[-1] if isinstance(cell, str) else cell


def columns(ws):
    """Header text after the Chinese word ('县代码 county' -> 'county') -> column index (0-based)."""
    header = [c.value for c in ws[1]]
    return {h.split(" ", 1)[1]: i for i, h in enumerate(header) if isinstance(h, str) and " " in h}


def check_layout(ws):
    name = ws.title
    if ws.freeze_panes != "A2":
        problem(f"{name}: frozen pane at {ws.freeze_panes}, expected A2")
    want = f"A1:{get_column_letter(ws.max_column)}{ws.max_row}"
    if ws.auto_filter.ref != want:
        problem(f"{name}: autofilter {ws.auto_filter.ref}, expected {want}")
    for cell in ws[1]:
        if not cell.value:
            problem(f"{name}: empty header cell {cell.coordinate}")
        if not (cell.font and cell.font.b):
            problem(f"{name}: header cell {cell.coordinate} is not bold")
    widest = collections.defaultdict(int)
    for row in ws.iter_rows():
        for cell in row:
            if isinstance(cell.value, str):
                widest[cell.column] = max(widest[cell.column], text_width(cell.value))
    for col in range(1, ws.max_column + 1):
        letter = get_column_letter(col)
        dim = ws.column_dimensions.get(letter)
        width = dim.width if dim is not None and dim.width else None
        if width is None:
            problem(f"{name}: column {letter} has no width")
            continue
        if width > WIDTH_CAP + 2:
            problem(f"{name}: column {letter} is {width} wide, above the cap {WIDTH_CAP}")
        if width < min(widest[col], WIDTH_CAP):
            problem(f"{name}: column {letter} is {width} wide, its widest text {widest[col]}")


def data_rows(ws):
    return [list(r) for r in ws.iter_rows(min_row=2, values_only=True)]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("ledger")
    ap.add_argument("result")
    ap.add_argument("--schedule")
    ap.add_argument("--province")
    ap.add_argument("--expect-shortfalls", action="store_true")
    a = ap.parse_args()

    wb = openpyxl.load_workbook(a.ledger)
    if wb.sheetnames != SHEETS:
        problem(f"sheets {wb.sheetnames}, expected {SHEETS}")
        return
    for ws in wb.worksheets:
        check_layout(ws)

    def mine(county):
        return a.province is None or county.startswith(a.province)

    with open(a.result, encoding="utf-8") as f:
        result = json.load(f)
    groups = [g for g in result["groups"] if mine(g["county"])]

    # ---- groups: one row per membership ----
    ws = wb[SHEETS[0]]
    col = columns(ws)
    want = collections.Counter(
        (g["county"], m["expert"], m["role"], m["channel"], m["score"])
        for g in groups for m in g["members"])
    got = collections.Counter(
        (r[col["county"]], r[col["expert"]], english(r[col["role"]]), english(r[col["channel"]]),
         r[col["score"]]) for r in data_rows(ws))
    for k in want - got:
        problem(f"groups: membership {k} is missing")
    for k in got - want:
        problem(f"groups: row {k} is not a membership of the result")
    for r in data_rows(ws):
        if r[col["role"]] not in ("组长 leader", "成员 member"):
            problem(f"groups: role {r[col['role']]!r}")
        if a.province is not None and r[col["province"]] != a.province:
            problem(f"groups: a row of province {r[col['province']]}, expected {a.province}")
        for key in ("county name", "name", "organisation", "fields"):
            if not r[col[key]]:
                problem(f"groups: empty {key} for {r[col['county']]} {r[col['expert']]}")
    if not want:
        problem("groups: the result has no membership to compare")

    # ---- shortfalls: one row per shortfall, each with a cause ----
    ws = wb[SHEETS[1]]
    col = columns(ws)
    want = collections.Counter(
        (g["county"], s["rule"], s["missing"], s["detail"] or None)
        for g in groups for s in g["shortfalls"])
    rows = data_rows(ws)
    got = collections.Counter(
        (r[col["county"]], english(r[col["rule"]]), r[col["missing"]], r[col["detail"]])
        for r in rows)
    for k in want - got:
        problem(f"shortfalls: {k} is missing")
    for k in got - want:
        problem(f"shortfalls: row {k} is not a shortfall of the result")
    for r in rows:
        if not r[col["cause"]]:
            problem(f"shortfalls: no cause for {r[col['county']]} {r[col['rule']]}")
    if a.expect_shortfalls and not want:
        problem("shortfalls: the result has none, expected some")

    # ---- meetings ----
    ws = wb[SHEETS[2]]
    col = columns(ws)
    rows = data_rows(ws)
    if a.schedule is None:
        if rows:
            problem(f"meetings: {len(rows)} rows without a schedule, expected the header only")
    else:
        with open(a.schedule, encoding="utf-8") as f:
            schedule = json.load(f)
        want = [
            (m["county"], m["half"], m["date"], m["mode"], "yes" if m["fixed"] else "no",
             ", ".join(m["attending"]) or None,
             "; ".join(f"{x['expert']}: {x['reason']}" for x in m["absent"]) or None)
            for m in schedule["meetings"] if mine(m["county"])]
        got = []
        for i, r in enumerate(rows):
            d = r[col["date"]]
            cell = ws.cell(row=i + 2, column=col["date"] + 1)
            if not isinstance(d, datetime.datetime) or cell.number_format != "yyyy-mm-dd":
                problem(f"meetings: row {i + 2} date {d!r} ({cell.number_format}) is not an "
                        "Excel date shown as yyyy-mm-dd")
                continue
            got.append((r[col["county"]], r[col["half"]], d.date().isoformat(),
                        english(r[col["mode"]]), english(r[col["fixed"]]), r[col["attending"]],
                        r[col["absent"]]))
        if got != want:
            for k in set(want) - set(got):
                problem(f"meetings: {k} is missing")
            for k in set(got) - set(want):
                problem(f"meetings: row {k} is not a meeting of the schedule")
            if set(got) == set(want):
                problem("meetings: rows out of order (expected county, half, date)")
        if not want:
            problem("meetings: the schedule has no meeting to compare")


if __name__ == "__main__":
    main()
    for p in problems:
        print(f"FAIL: {p}", file=sys.stderr)
    sys.exit(1 if problems else 0)
