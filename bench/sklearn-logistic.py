"""scikit-learn reference for bench/logistic.ts (run by it with Debian's /usr/bin/python3).

Reads the benchmark's design from a file the TypeScript side wrote (uint8,
row-major: `rows` rows of `cols` 0/1 features followed by the label), fits
LogisticRegression with each solver named on the command line, and prints one
JSON object. Times are CPU time (time.process_time) of `fit` alone (the data
are converted to C-contiguous float64 beforehand, as fit would otherwise do
inside the timer), after one untimed warm-up fit, as the median of `runs` fits.

usage: sklearn-logistic.py DATA ROWS COLS C RUNS SOLVER[,SOLVER...] [TOL] [MAX_ITER]
C = "none" fits without penalty.
"""
import json
import sys
import time
import warnings

import numpy as np
import sklearn
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression


def main() -> None:
    path, rows, cols, c_text, runs, solvers = sys.argv[1:7]
    tol = float(sys.argv[7]) if len(sys.argv) > 7 else 1e-4
    max_iter = int(sys.argv[8]) if len(sys.argv) > 8 else 1000
    rows, cols, runs = int(rows), int(cols), int(runs)
    block = np.fromfile(path, dtype=np.uint8).reshape(rows, cols + 1)
    X = np.ascontiguousarray(block[:, :cols], dtype=np.float64)
    y = block[:, cols].astype(np.float64)
    results = []
    for solver in solvers.split(","):
        if c_text == "none":
            make = lambda: LogisticRegression(penalty="none", solver=solver, tol=tol, max_iter=max_iter)
        else:
            make = lambda: LogisticRegression(penalty="l2", C=float(c_text), solver=solver, tol=tol, max_iter=max_iter)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", ConvergenceWarning)
            warnings.simplefilter("ignore", FutureWarning)
            make().fit(X, y)  # warm-up: imports, caches, allocator
            times = []
            model = None
            for _ in range(runs):
                model = make()
                started = time.process_time()
                model.fit(X, y)
                times.append((time.process_time() - started) * 1000)
        times.sort()
        middle = runs // 2
        median = times[middle] if runs % 2 == 1 else (times[middle - 1] + times[middle]) / 2
        results.append({
            "solver": solver,
            "medianMs": median,
            "minMs": times[0],
            "maxMs": times[-1],
            "iterations": int(np.max(model.n_iter_)),
            "converged": not any(issubclass(w.category, ConvergenceWarning) for w in caught),
            "intercept": float(model.intercept_[0]),
            "coefficients": [float(v) for v in model.coef_[0]],
        })
    print(json.dumps({"sklearn": sklearn.__version__, "numpy": np.__version__, "tol": tol, "maxIter": max_iter, "results": results}))


if __name__ == "__main__":
    main()
