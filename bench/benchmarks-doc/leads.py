# Which budgets (50-800 evaluations) `layernas` does not lead in a `layernas bench` results.json: its mean reported
# accuracy below the best rival's (ties count as leading). Used by gen.py and scripts/bench-ablation.sh.
import json, sys


def not_led(benchmark, rivals=None, me='layernas', smallest=50):
    """[(budget, leader, leader's mean, my mean)] for one setting; rivals: strategy names (default: all others)."""
    by = {s['name']: s for s in benchmark['strategies']}
    lost = []
    for i, mine in enumerate(by[me]['budgets']):
        if mine['budget'] < smallest:
            continue
        mean, leader = max((s['budgets'][i]['mean'] or -1, n) for n, s in by.items()
                           if n != me and (rivals is None or n in rivals))
        if (mine['mean'] or -1) < mean - 1e-9:
            lost.append((mine['budget'], leader, mean, mine['mean'] or -1))
    return lost


def budgets_counted(benchmark, me='layernas', smallest=50):
    return sum(1 for b in next(s for s in benchmark['strategies'] if s['name'] == me)['budgets'] if b['budget'] >= smallest)


if __name__ == '__main__':
    # One markdown row of scripts/bench-ablation.sh: RESULTS_JSON LABEL; rivals are the baselines.
    d = json.load(open(sys.argv[1]))
    rivals = {'random', 'evolution', 'ppo'}
    led = total = settings = 0
    lost, evals = [], []
    for b in d['benchmarks']:
        missed = not_led(b, rivals)
        n = budgets_counted(b)
        total += n
        led += n - len(missed)
        settings += not missed
        lost += [f'{b["benchmark"].replace("nb201-", "")} {b["max_cost"]} @{budget:g}' for budget, *_ in missed]
        evals.append(f'{next(s for s in b["strategies"] if s["name"] == "layernas")["finish"]["mean_evaluations"]:.0f}')
    print(f'| {sys.argv[2]} | {led}/{total} | {settings}/{len(d["benchmarks"])} | {", ".join(lost) or "none"} | {"/".join(evals)} |')
