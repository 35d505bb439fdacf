#!/usr/bin/env python3
"""Writes a demo copy of the bundled site in which the 2019 call has schools
of its own to apply: the bundled units are the 2020 pilots. The demo's units are marked 演示 so that nobody mistakes
them for real ones. Used by `DEMO=1 bash scripts/run.sh`.

  python3 scripts/demo_site.py --out build/demo/site
"""
import argparse
import json
import os
import shutil

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# Two schools of 平江县 and one of 华容县 (quota 2 each), and one 市直学校.
DEMO_SCHOOLS = [
    {"id": "demo-pingjiang-1", "name": "平江县演示第一中学", "county": "pingjiang"},
    {"id": "demo-pingjiang-2", "name": "平江县演示第二中学", "county": "pingjiang"},
    {"id": "demo-pingjiang-3", "name": "平江县演示第三小学", "county": "pingjiang"},
    {"id": "demo-huarong-1", "name": "华容县演示实验学校", "county": "huarong"},
    {"id": "demo-city-1", "name": "岳阳市演示中学", "county": "city"},
]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    shutil.rmtree(args.out, ignore_errors=True)
    os.makedirs(args.out)
    for name in ("config.json",):
        shutil.copy(os.path.join(ROOT, name), os.path.join(args.out, name))
    for name in ("content", "data", "themes"):
        shutil.copytree(os.path.join(ROOT, name), os.path.join(args.out, name))
    units_path = os.path.join(args.out, "data", "units.json")
    with open(units_path, encoding="utf-8") as f:
        units = json.load(f)
    units["schools"].extend(DEMO_SCHOOLS)
    with open(units_path, "w", encoding="utf-8") as f:
        json.dump(units, f, ensure_ascii=False, indent=2)
        f.write("\n")
    print(json.dumps({"schools": DEMO_SCHOOLS}, ensure_ascii=False))


if __name__ == "__main__":
    main()
