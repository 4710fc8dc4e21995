"""The pandas column of `npm run bench:scale`: the same point-in-time aggregation
as bench/scale-reference.ts (per closed lead and action, the events strictly
before its cut-off: hand-off, else close, within 90 days of creation).
Prints one JSON line: seconds, peak RSS, rows.
Usage: python3 bench/scale-pandas.py LEADS EVENTS OUTCOMES"""
import json
import resource
import sys
import time

import pandas as pd

leads_path, events_path, outcomes_path = sys.argv[1:4]
start = time.perf_counter()


def read(path, columns):
    if path.endswith(".parquet"):
        return pd.read_parquet(path, columns=columns)
    return pd.read_csv(path, usecols=columns, dtype=str)


leads = read(leads_path, ["lead_id", "created_at"])
outcomes = read(outcomes_path, ["lead_id", "status", "closed_at", "handoff_at"])
events = read(events_path, ["lead_id", "action", "occurred_at"])
closed = outcomes[outcomes["status"].isin(["won", "lost"])].merge(leads, on="lead_id")
created = pd.to_datetime(closed["created_at"], utc=True)
reached = pd.to_datetime(closed["handoff_at"], utc=True).fillna(pd.to_datetime(closed["closed_at"], utc=True))
closed["cutoff_at"] = reached.where(reached < created + pd.Timedelta(days=90), created + pd.Timedelta(days=90))
joined = events.merge(closed[["lead_id", "cutoff_at"]], on="lead_id")
counted = joined[pd.to_datetime(joined["occurred_at"], utc=True) < joined["cutoff_at"]]
table = counted.groupby(["lead_id", "action"]).size()
seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds, "peakRssMb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "rows": int(len(table)), "events": int(table.sum())}))
