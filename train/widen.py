#!/usr/bin/env python3
"""Widens a trained page-type or confidence model to a longer page-feature list without
retraining it: the model's splits keep reading the features they read, at their new places,
and never read the features added. Used when page features are added for some formats only
(stop 31: four prose-layout features helped the dumps' page types, not the pages'; the HTML
models were kept as trained and widened, so HTML records stay byte-identical).

    python3 train/widen.py MODEL.json LIKE.json AT COUNT

AT is the index in the old feature list where COUNT features were inserted; LIKE.json is a
model trained on the new list (its `features` are written into MODEL.json).
"""
import json
import sys


def main(path, like, at, count):
    model = json.load(open(path))
    names = model["features"]
    new_names = json.load(open(like))["features"]
    assert len(new_names) == len(names) + count, (len(names), len(new_names))

    def moved(f):
        if f < 0:
            return f
        to = f if f < at else f + count
        assert new_names[to] == names[f], (path, f, names[f], new_names[to])
        return to

    for tree in model["trees"]:
        tree["feature"] = [moved(f) for f in tree["feature"]]
    model["features"] = new_names
    with open(path, "w") as fh:
        json.dump(model, fh, separators=(",", ":"))
        fh.write("\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
