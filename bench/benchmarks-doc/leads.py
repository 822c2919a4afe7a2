# The lead of `layernas` in `layernas bench` results (docs/benchmarks.md, "Lead of layernas"): a (setting, budget)
# cell is led when layernas has the highest mean reported accuracy of the baselines' (other LayerNAS modes are not
# rivals), or every layernas run answers with a reward oracle; with drawn rewards (reward_noise "seed") a rival ahead
# by less than the 95% half-width of the difference of means (Welch) is a tie. results.json carries this per cell
# (benchmarks[].lead, computed by LeadAnalysis); `cells()` recomputes it from the statistics so that layernas and the
# baselines may come from two runs (scripts/bench-ablation.sh runs the baselines once).
#
#   python3 leads.py RESULTS.json [LABEL]                 one summary row from a full run
#   python3 leads.py RIVALS.json LAYERNAS.json LABEL      the same with layernas taken from a second run
# Either file may be several, joined by commas (one run per table of scripts/bench-ablation.sh's synthetic grid): their
# settings are judged together.
import json, math, sys


def t975(dof):
    """97.5% quantile of Student's t (Cornish-Fisher; the same series as MeanDifference.StudentT975)."""
    z, v = 1.959963984540054, max(dof, 1.0)
    return (z + (z**3 + z) / (4 * v) + (5 * z**5 + 16 * z**3 + 3 * z) / (96 * v * v)
            + (3 * z**7 + 19 * z**5 + 17 * z**3 - 15 * z) / (384 * v**3)
            + (79 * z**9 + 776 * z**7 + 1482 * z**5 - 1920 * z**3 - 945 * z) / (92160 * v**4))


def half_width(a, b):
    va = (a.get('sd') or 0) ** 2 / a['runs'] if a['runs'] > 1 else 0
    vb = (b.get('sd') or 0) ** 2 / b['runs'] if b['runs'] > 1 else 0
    se2 = va + vb
    if se2 <= 0:
        return 0.0
    dof = se2 * se2 / ((va * va / (a['runs'] - 1) if a['runs'] > 1 else 0) + (vb * vb / (b['runs'] - 1) if b['runs'] > 1 else 0))
    return t975(dof) * math.sqrt(se2)


def cells(me, rivals, noisy):
    """[(budget, margin, half_width, rival, led, all_at_oracle, reward_margin)] of strategy result `me` against `rivals`
    (reward_margin: mean noise-free reward of the answers against the same rival's; None where results.json has none)."""
    out = []
    for i, mine in enumerate(me['budgets']):
        present = [(r['budgets'][i], r['name']) for r in rivals if r['budgets'][i]['mean'] is not None]
        if mine['mean'] is None or not present:
            continue
        best, name = max(present, key=lambda x: x[0]['mean'])
        margin = mine['mean'] - best['mean']
        hw = half_width(mine, best)
        oracle = mine['hit_rate'] >= 1
        led = margin >= -1e-9 or oracle or (noisy and -margin < hw)
        reward = mine['reward'] - best['reward'] if mine.get('reward') is not None and best.get('reward') is not None else None
        out.append((mine['budget'], margin, hw, name, led, oracle, reward))
    return out


def summary(settings, smallest):
    """(led, total, worst (margin, setting key, budget, rival) among cells not all at the oracle, lost cells, final-p25 failures)."""
    led = total = 0
    worst, lost, p25 = None, [], []
    for key, me, rivals, noisy in settings:
        for budget, margin, hw, rival, ok, oracle, reward in cells(me, rivals, noisy):
            if budget < smallest:
                continue
            total += 1
            led += ok
            if not ok:
                on_reward = f", reward {reward:+.3f}" if reward is not None else ''
                lost.append(f"{key} @{budget:g} ({rival} {margin:+.2f}{f' ±{hw:.2f}' if noisy else ''}{on_reward})")
            if not oracle and (worst is None or margin < worst[0]):
                worst = (margin, key, budget, rival)
        f = me.get('finish')
        if noisy and f:
            at = next((b['budget'] for b in me['budgets'] if b['budget'] >= f['max_evaluations']), None)
            if at is not None:
                i = [b['budget'] for b in me['budgets']].index(at)
                top = max((r['budgets'][i]['p25'] for r in rivals if r['budgets'][i]['p25'] is not None), default=None)
                if top is not None and f['final']['p25'] < top - 1e-9:
                    p25.append(f"{key} ({f['final']['p25']:.2f} < {top:.2f} @{at:g})")
    return led, total, worst, lost, p25


def ahead_on_reward(settings, smallest):
    """Cells not led where the answers of layernas still have the higher mean noise-free reward than the rival's."""
    return sum(1 for _, me, rivals, noisy in settings for budget, _, _, _, ok, _, reward in cells(me, rivals, noisy)
               if budget >= smallest and not ok and reward is not None and reward >= -1e-9)


def pairs(rivals_json, mine_json=None):
    """(key, layernas result, baseline results, noisy) per setting; layernas from `mine_json` when given."""
    mine = {b['key']: b for b in (mine_json or rivals_json)['benchmarks']}
    for b in rivals_json['benchmarks']:
        if b['key'] not in mine:
            continue
        me = next((s for s in mine[b['key']]['strategies'] if s['name'] == 'layernas'), None)
        if me is None:
            continue
        rivals = [s for s in b['strategies'] if not s['name'].startswith('layernas')]
        yield b['key'], me, rivals, '~seed' in b['reward']


def to_oracle(me):
    """(share of the runs ending at the reward oracle, the most evaluations a run took to reach it) of a layernas result."""
    t = me.get('to_oracle')
    if t is None:  # results written before the evaluations to the oracle were recorded: judge by the search's length
        f = me['finish']
        return f['final']['hit_rate'], f['max_evaluations']
    return t['reached_runs'] / t['runs'], t['max_evaluations']


def oracle_row(rivals_json, mine_json=None):
    """Settings where layernas does not reach the reward oracle in every run within 300 (NB201) / 450 (Macro) evaluations:
    (share of runs ending at it, most evaluations a run took to reach it, most evaluations a search made)."""
    bad = []
    for key, me, _, noisy in pairs(rivals_json, mine_json):
        if noisy:
            continue
        limit = 450 if 'macro' in key else 300
        share, most = to_oracle(me)
        if share < 1 or most > limit:
            bad.append(f"{key} ({share:.0%}, {most if share >= 1 else '-'}, {me['finish']['max_evaluations']})")
    return bad


def load(paths):
    """results.json, or the settings of several joined (the first one's settings block)."""
    runs = [json.load(open(p)) for p in paths.split(',')]
    return {**runs[0], 'benchmarks': [b for r in runs for b in r['benchmarks']]}


if __name__ == '__main__':
    args = sys.argv[1:]
    rivals = load(args[0])
    mine = load(args[1]) if len(args) > 2 else None
    label = args[-1] if len(args) > 1 else '(defaults)'
    noisy = rivals['settings'].get('reward_noise') == 'seed'
    led, total, worst, lost, p25 = summary(list(pairs(rivals, mine)), 50 if noisy else 25)
    w = f"{worst[1]} @{worst[2]:g}: {worst[0]:+.2f} ({worst[3]})" if worst else '-'
    if noisy:
        print(f"| {label} | noise | {led}/{total} | {w} | {', '.join(lost) or 'none'} | {', '.join(p25) or 'none'} |")
    else:
        bad = oracle_row(rivals, mine)
        print(f"| {label} | noise-free | {led}/{total} | {w} | {', '.join(lost) or 'none'} | {len(bad)} settings: {', '.join(bad) or 'none'} |")
