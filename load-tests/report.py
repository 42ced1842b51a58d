#!/usr/bin/env python3
"""Summaries of a Gatling run (not a test):

  python3 report.py waits [target/admission-waits.csv]   predicted vs actual admission wait
  python3 report.py stats [target/gatling/<run>/]         per request p50/p95/p99 and failures (newest run by default)

waits: of the admissions that waited, the actual wait's median and p90, actual ÷ predicted (median), the mean
absolute error and the share within a factor of two of the prediction (the estimate is shown on entry).
"""
import csv
import glob
import json
import os
import re
import statistics
import sys


def quantile(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))] if values else float("nan")


def waits(path):
    rows = list(csv.DictReader(open(path)))
    waited = [r for r in rows if r["predictedSeconds"]]
    print(f"admissions {len(rows)}, of which waited with an estimate {len(waited)}")
    if not waited:
        return
    actual = [int(r["actualMillis"]) / 1000 for r in waited]
    predicted = [float(r["predictedSeconds"]) for r in waited]
    ratios = [a / p for a, p in zip(actual, predicted) if p > 0]
    errors = [abs(a - p) for a, p in zip(actual, predicted)]
    within = sum(1 for a, p in zip(actual, predicted) if p > 0 and 0.5 <= a / p <= 2) / len(waited)
    print(f"actual wait median {statistics.median(actual):.0f} s, p90 {quantile(actual, 0.9):.0f} s; "
          f"predicted median {statistics.median(predicted):.0f} s")
    print(f"actual / predicted median {statistics.median(ratios):.2f}; mean absolute error {statistics.mean(errors):.0f} s; "
          f"within a factor of two {100 * within:.0f} %")


def stats(run):
    """From the HTML report's statistics table (Gatling 3.15 writes no stats.json): columns total, ok, ko, ko %,
    req/s, min, p50, p75, p95, p99, max, mean, std dev."""
    html = open(os.path.join(run, "index.html")).read()
    print(f"{'request':22s} {'count':>7} {'failed':>6} {'p50':>6} {'p95':>7} {'p99':>7}")
    for row in re.finditer(r'<tr id="(ROOT|req_[^"]*)".*?</tr>', html, re.S):
        cells = re.findall(r'class="value [a-z]+ col-(\d+)">([^<]*)<', row.group(0))
        name = re.search(r'class="ellipsed-name">([^<]*)<', row.group(0))
        values = {int(c): v for c, v in cells}
        if 10 in values:
            label = "ALL" if row.group(1) == "ROOT" else (name.group(1) if name else row.group(1))
            print(f"{label[:22]:22s} {values[2]:>7} {values[4]:>6} {values[8]:>6} {values[10]:>7} {values[11]:>7}")


if __name__ == "__main__":
    if sys.argv[1] == "waits":
        waits(sys.argv[2] if len(sys.argv) > 2 else "target/admission-waits.csv")
    else:
        runs = sorted(glob.glob("target/gatling/*/"), key=os.path.getmtime)
        stats(sys.argv[2] if len(sys.argv) > 2 else runs[-1])
