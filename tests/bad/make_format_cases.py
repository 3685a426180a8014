#!/usr/bin/env python3
"""tests/bad/make_format_cases.py: writes the syntax_*, schema_* and ref_* cases of the bad-input
corpus from one small valid instance, each case breaking exactly one thing. The .expected files
are written by hand (one diagnostic line each that the reader must print); rerun this script only
when the base instance changes."""
import copy, json, os

HERE = os.path.dirname(os.path.abspath(__file__))

BASE = {
    "format": "advmatch-instance/1",
    "policy": {"group_size": {"min": 2, "target": 3, "max": 4}},
    "provinces": [
        {"code": "52", "name": "贵州省", "region": "west", "paired_with": "44"},
        {"code": "44", "name": "广东省", "region": "east", "paired_with": None},
        {"code": "11", "name": "北京市", "region": "east", "paired_with": None},
    ],
    "counties": [
        {"id": "520623", "name": "石阡县", "province": "52",
         "industries": [{"field": "tea", "weight": 3}], "stages": ["production"],
         "recommended": ["L1"]},
    ],
    "experts": [
        {"id": "N1", "name": "王建国", "level": "national", "org": "中国农业科学院茶叶研究所",
         "province": "11", "fields": ["tea"], "stages": ["production"], "capacity": 2},
        {"id": "G1", "name": "李秀英", "level": "provincial", "org": "华南农业大学",
         "province": "44", "fields": ["tea"], "stages": ["processing"]},
        {"id": "L1", "name": "张伟", "level": "local", "org": "石阡县茶业发展中心",
         "province": "52", "county": "520623", "fields": ["tea"]},
    ],
}


def text(doc):
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def mutate(fn):
    doc = copy.deepcopy(BASE)
    fn(doc)
    return text(doc)


def setv(path, value):
    def fn(doc):
        obj = doc
        for k in path[:-1]:
            obj = obj[k]
        obj[path[-1]] = value
    return fn


def delv(path):
    def fn(doc):
        obj = doc
        for k in path[:-1]:
            obj = obj[k]
        del obj[path[-1]]
    return fn


good = text(BASE)
CASES = {
    # bytes that are not a JSON document
    "syntax_missing_comma": good.replace('"name": "贵州省",', '"name": "贵州省"', 1),
    "syntax_truncated": good[: len(good) // 2],
    "syntax_trailing_text": good + "{}\n",
    "syntax_trailing_comma": good.replace('"capacity": 2\n', '"capacity": 2,\n', 1),
    "syntax_not_utf8": good.replace("石阡县茶业", "石阡县\udcff茶业", 1),
    "syntax_empty_file": "",
    # JSON, but not the shape of advmatch-instance/1
    "schema_root_array": "[]\n",
    "schema_format_missing": mutate(delv(["format"])),
    "schema_format_wrong": mutate(setv(["format"], "advmatch-result/1")),
    "schema_provinces_missing": mutate(delv(["provinces"])),
    "schema_counties_not_array": mutate(setv(["counties"], {"520623": {}})),
    "schema_expert_not_object": mutate(lambda d: d["experts"].append(42)),
    "schema_expert_id_missing": mutate(delv(["experts", 1, "id"])),
    "schema_expert_level_unknown": mutate(setv(["experts", 1, "level"], "expert")),
    "schema_expert_capacity_string": mutate(setv(["experts", 0, "capacity"], "2")),
    "schema_expert_capacity_fraction": mutate(setv(["experts", 0, "capacity"], 1.5)),
    "schema_expert_active_string": mutate(setv(["experts", 2, "active"], "yes")),
    "schema_expert_fields_not_strings": mutate(setv(["experts", 1, "fields"], ["tea", 7])),
    "schema_expert_stage_unknown": mutate(setv(["experts", 1, "stages"], ["marketing"])),
    "schema_expert_unknown_key": mutate(setv(["experts", 1, "phone"], "13800000000")),
    "schema_county_industries_missing": mutate(delv(["counties", 0, "industries"])),
    "schema_county_weight_string": mutate(setv(["counties", 0, "industries", 0, "weight"], "3")),
    "schema_county_industry_not_object": mutate(setv(["counties", 0, "industries"], ["tea"])),
    "schema_province_region_unknown": mutate(setv(["provinces", 0, "region"], "southwest")),
    "schema_paired_with_number": mutate(setv(["provinces", 0, "paired_with"], 44)),
    "schema_policy_size_string": mutate(setv(["policy", "group_size", "min"], "2")),
    "schema_policy_penalty_unknown_key": mutate(
        setv(["policy", "objective"], {"penalty": {"leadr": 10}})),
    "schema_duplicate_key": good.replace('"capacity": 2\n', '"capacity": 2,\n      "capacity": 3\n', 1),
    # well-formed records that refer to what is not there
    "ref_unknown_province": mutate(setv(["experts", 1, "province"], "99")),
    "ref_duplicate_expert_id": mutate(setv(["experts", 1, "id"], "N1")),
    "ref_unknown_home_county": mutate(setv(["experts", 2, "county"], "520624")),
    "ref_recommended_unknown_expert": mutate(setv(["counties", 0, "recommended"], ["L9"])),
    "ref_paired_with_unknown": mutate(setv(["provinces", 0, "paired_with"], ["44", "37"])),
    # the meeting calendar
    "cal_date_malformed": mutate(setv(["experts", 0, "unavailable"], [{"from": "2026-02-30", "to": "2026-03-02"}])),
    "cal_range_reversed": mutate(setv(["counties", 0, "blackout"], [{"from": "2026-05-10", "to": "2026-05-01"}])),
    "cal_window_outside_year": mutate(setv(["calendar"], {"year": 2026, "halves": {"H2": {"from": "2026-07-01", "to": "2027-01-15"}}})),
    "cal_halves_overlap": mutate(setv(["calendar"], {"year": 2026, "halves": {"H1": {"from": "2026-02-01", "to": "2026-07-10"}}})),
    "cal_year_not_shipped": mutate(setv(["calendar"], {"year": 2031})),
    "cal_min_attendance_above_one": mutate(setv(["calendar"], {"year": 2026, "min_attendance": 1.5})),
    "cal_meeting_unknown_county": mutate(setv(["meetings"], [{"county": "520699", "date": "2026-03-06", "mode": "onsite"}])),
    "cal_meeting_outside_halves": mutate(setv(["meetings"], [{"county": "520623", "date": "2026-01-10", "mode": "video"}])),
    "cal_meeting_mode_unknown": mutate(setv(["meetings"], [{"county": "520623", "date": "2026-03-06", "mode": "phone"}])),
    # the current memberships (the groups as they stand)
    "ref_current_unknown_expert": mutate(setv(["current"], [
        {"county": "520623", "expert": "N1", "role": "leader", "locked": True},
        {"county": "520623", "expert": "N9", "role": "member"}])),
    "ref_current_unknown_county": mutate(setv(["current"], [
        {"county": "520699", "expert": "G1", "role": "member", "locked": True}])),
    "schema_current_role_unknown": mutate(setv(["current"], [
        {"county": "520623", "expert": "N1", "role": "chair", "locked": True}])),
    "schema_current_locked_type": mutate(setv(["current"], [
        {"county": "520623", "expert": "N1", "role": "leader", "locked": "yes"}])),
    "schema_current_expert_missing": mutate(setv(["current"], [
        {"county": "520623", "role": "member"}])),
    "schema_current_not_array": mutate(setv(["current"], {"520623": ["N1"]})),
}

# the calendar cases that do not set one themselves need one
for name in ("cal_date_malformed", "cal_range_reversed", "cal_meeting_unknown_county",
             "cal_meeting_outside_halves", "cal_meeting_mode_unknown"):
    doc = json.loads(CASES[name])
    doc["calendar"] = {"year": 2026}
    CASES[name] = text(doc)

if __name__ == "__main__":
    for name, body in CASES.items():
        with open(os.path.join(HERE, name + ".json"), "wb") as f:
            f.write(body.encode("utf-8", "surrogateescape"))
