# Writes docs/benchmarks.md from a full `layernas bench` run, the 8-setting speed run and the prose beside
# this script (head.md, tail.md, obs.md). Run by scripts/bench-doc.sh.
import json, sys, os, re
here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, here)
from leads import not_led
out_dir, speed_json = sys.argv[1], sys.argv[2]   # doc run folder, 8-setting run results.json
r = json.load(open(os.path.join(out_dir, 'results.json')))
sp = json.load(open(speed_json))
md = open(os.path.join(out_dir, 'results.md')).read()
head = open(os.path.join(here, 'head.md')).read()
o = [head]
s = sp['settings']
load = open('/proc/loadavg').read().split()[0] if os.path.exists('/proc/loadavg') else 'n/a'
o.append(f"Load average (1 min) when this page was generated: {load}; cores: {os.cpu_count()}.\n\n")
o.append("| run | settings | strategies × runs | evaluations | wall time | CPU time | evaluations/s (wall) | evaluations per CPU second |\n|---|---|---|---|---|---|---|---|\n")
for name, x in [("the issue's comparison (default reward)", sp), ("this page (both NB201 rewards)", r)]:
    o.append(f"| {name} | {len(x['benchmarks'])} | {len(x['settings']['strategies'])} × {x['settings']['runs']} | {x['evaluations']:,} | {x['wall_seconds']:.1f} s | {x['cpu_seconds']:.1f} s | {x['evaluations_per_second']:,.0f} | {x['evaluations']/x['cpu_seconds']:,.0f} |\n")
o.append("\nPer strategy (this page's run, all settings): evaluations and summed worker-thread seconds.\n\n| strategy | evaluations | thread seconds |\n|---|---|---|\n")
agg = {}
for b in r['benchmarks']:
    for st in b['strategies']:
        a = agg.setdefault(st['name'], [0, 0.0]); a[0] += st['evaluations']; a[1] += st['thread_seconds']
for k, (e, t) in agg.items():
    o.append(f"| {k} | {e:,} | {t:.1f} |\n")

# Paper comparison
paper = {'nb201-cifar10': ('CIFAR-10', 94.34, 94.37), 'nb201-cifar100': ('CIFAR-100', 73.01, 73.51), 'nb201-imagenet16-120': ('ImageNet16-120', 46.58, 47.31)}
o.append("\n" + open(os.path.join(here, 'tail.md')).read())
o.append("\n## LayerNAS against the paper's table (NB201, `--reward valid200`, unconstrained)\n\n")
o.append("The LayerNAS paper reports, for this space, LayerNAS at 94.34 / 73.01 / 46.58 (CIFAR-10 / CIFAR-100 / ImageNet16-120) "
         "against best possible 94.37 / 73.51 / 47.31. Ours, final answers over 100 runs (LayerNAS has no randomness on a table, so all runs agree):\n\n")
o.append("| dataset | paper: LayerNAS | paper: best | `layernas` final (evaluations) | `layernas-paper` final (evaluations) | oracle by reward here | best test here |\n|---|---|---|---|---|---|---|\n")
for b in r['benchmarks']:
    if b['reward'] == 'valid200' and b['max_cost'] == 'none' and b['benchmark'] in paper:
        name, pl, pb = paper[b['benchmark']]
        cells = []
        for sn in ('layernas', 'layernas-paper'):
            st = next((x for x in b['strategies'] if x['name'] == sn), None)
            if st and st['finish']:
                f = st['finish']; cells.append(f"{f['final']['mean']:.2f} ({f['mean_evaluations']:.0f})")
            else: cells.append('-')
        o.append(f"| {name} | {pl} | {pb} | {cells[0]} | {cells[1]} | {b['oracle']['reward_test']:.2f} | {b['oracle']['best_test']:.2f} |\n")

# Wins check
o.append("\n## Does `layernas` lead at every budget from 50 to 800?\n\n")
o.append("Budgets (50–800) at which `layernas` does **not** have the highest mean (ties count as leading), and whether `layernas-paper` ends at the reward oracle in 100% of runs:\n\n")
o.append("| setting | budgets not led by `layernas` (leader: mean) | `layernas` evaluations | `layernas-paper` final hit rate |\n|---|---|---|---|\n")
for b in r['benchmarks']:
    by = {x['name']: x for x in b['strategies']}
    if 'layernas' not in by: continue
    lost = [f"{budget:g} ({leader}: {mean:.2f} vs {mine:.2f})" for budget, leader, mean, mine in not_led(b)]
    fin = by['layernas']['finish']
    ph = by.get('layernas-paper', {}).get('finish')
    o.append(f"| {b['setting']} | {', '.join(lost) if lost else 'none'} | {fin['mean_evaluations']:.0f} | {('%.0f%%' % (100*ph['final']['hit_rate'])) if ph else '-'} |\n")

# obs.md is prose; the evaluation counts in it are filled in from this run.
def finish(b, name='layernas'):
    return next(x for x in b['strategies'] if x['name'] == name)['finish']['mean_evaluations']
def span(values):
    values = sorted(round(v) for v in values)
    return f"{values[0]}–{values[-1]}" if values[0] != values[-1] else f"{values[0]}"
nb = lambda reward: [finish(b) for b in r['benchmarks'] if b['benchmark'].startswith('nb201') and b['reward'] == reward]
macro = {b['max_cost']: finish(b) for b in r['benchmarks'] if b['benchmark'] == 'nas-bench-macro'}
v200 = {b['benchmark']: finish(b) for b in r['benchmarks'] if b['reward'] == 'valid200' and b['max_cost'] == 'none'}
obs = open(os.path.join(here, 'obs.md')).read()
for key, value in {
    'LAYERNAS_NB12': span(nb('valid12')), 'LAYERNAS_NB200': span(nb('valid200')),
    'LAYERNAS_MACRO': f"{macro['0.5x']:.0f} / {macro['none']:.0f}",
    'LAYERNAS_V200': ' / '.join(f"{v200[k]:.0f}" for k in ('nb201-cifar10', 'nb201-cifar100', 'nb201-imagenet16-120')),
}.items():
    obs = obs.replace(key, value)
o.append("\n" + obs)
o.append("\n## Results\n\n")
body = md.split('\n', 1)[1]
body = re.sub(r'^## (.*)$', r'### \1', body, flags=re.M)
# plots after each setting heading
def plot_for(m):
    title = m.group(1)
    key = next(b['key'] for b in r['benchmarks'] if b['setting'] == title)
    return f"### {title}\n\n![{title}](img/bench/{key}.png)\n"
body = re.sub(r'^### (.*)\n', plot_for, body, flags=re.M)
o.append(body)
open(sys.argv[3], 'w').write(''.join(o))
