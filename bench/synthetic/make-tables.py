#!/usr/bin/env python3
"""Writes synthetic benchmark tables nobody tuned LayerNAS for (scripts/bench-ablation.sh's fifth and sixth grids).

Each table is a full enumeration of L layers x O options. A layer's options get random costs, one of them under 1
(a cheap operation, so that tight bounds leave a choice) and the others up to 10, sorted so option 0 is the cheapest;
an architecture's cost is 1 + the sum of its options' costs. Its reward is
    60 + sum over layers of (3 sqrt(cost / 10) + q[l, o])  +  sum over layer pairs of p[l, m, o_l, o_m]
with q ~ N(0, 0.7) (option quality beside its cost: dearer is better on average, not always) and p ~ N(0, inter)
(interactions an additive model cannot express). Columns: `acc` the noise-free reward; `s0`, `s1`, `s2` three
"trainings" (acc + N(0, 0.3) each, for --reward s0,s1,s2 --reward-noise seed); `test` a held-out score
(acc + N(0, 0.15), for --reported); `cost`. Python's own seeded generator makes every table reproducible.

Usage: make-tables.py OUT_DIR   (writes OUT_DIR/t<L>x<O>.csv for the shapes below)
"""
import itertools
import math
import random
import sys

# (layers, options, interaction sd, seed): from few wide layers to many narrow ones, 1,296 to 16,384 models.
SHAPES = [(4, 6, 0.2, 1), (4, 8, 0.5, 2), (5, 4, 0.3, 3), (5, 5, 0.4, 4),
          (6, 3, 0.2, 5), (6, 5, 0.3, 6), (7, 4, 0.4, 7), (8, 3, 0.5, 8)]


def write_table(path, layers, options, inter, seed):
    rnd = random.Random(seed)
    cost = [sorted([rnd.uniform(0, 1)] + [rnd.uniform(0, 10) for _ in range(options - 1)]) for _ in range(layers)]
    quality = [[3 * math.sqrt(c / 10) + rnd.gauss(0, 0.7) for c in row] for row in cost]
    pairs = {(l, m, a, b): rnd.gauss(0, inter)
             for l in range(layers) for m in range(l + 1, layers)
             for a in range(options) for b in range(options)}
    with open(path, "w") as out:
        out.write("arch,acc,s0,s1,s2,test,cost\n")
        for arch in itertools.product(range(options), repeat=layers):
            acc = 60 + sum(quality[l][o] for l, o in enumerate(arch))
            acc += sum(pairs[(l, m, arch[l], arch[m])] for l in range(layers) for m in range(l + 1, layers))
            seeds = [acc + rnd.gauss(0, 0.3) for _ in range(3)]
            test = acc + rnd.gauss(0, 0.15)
            total = 1 + sum(cost[l][o] for l, o in enumerate(arch))
            cells = [f"{acc:.3f}"] + [f"{s:.3f}" for s in seeds] + [f"{test:.3f}", f"{total:.4f}"]
            out.write("-".join(map(str, arch)) + "," + ",".join(cells) + "\n")


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: make-tables.py OUT_DIR")
    for layers, options, inter, seed in SHAPES:
        write_table(f"{sys.argv[1]}/t{layers}x{options}.csv", layers, options, inter, seed)


if __name__ == "__main__":
    main()
