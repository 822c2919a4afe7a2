# Writes docs/benchmarks.md from the runs of scripts/bench-doc.sh: the noise-free sweep and the seed-noise protocol
# (scripts/bench-sweep.sh), and LayerNAS on NB201 valid200 unconstrained (the paper's table); the prose lives beside
# this script (head.md, obs.md, tail.md). Usage: gen.py SWEEP_DIR NOISE_DIR PAPER_DIR OUT.md SECONDS_WALL
import json, os, re, sys
here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, here)
import leads

sweep_dir, noise_dir, paper_dir, out_md, total_wall = sys.argv[1:6]
S = json.load(open(os.path.join(sweep_dir, 'results.json')))
N = json.load(open(os.path.join(noise_dir, 'results.json')))
P = json.load(open(os.path.join(paper_dir, 'results.json')))
img = lambda d: os.path.relpath(d, os.path.dirname(os.path.abspath(out_md)))
o = [open(os.path.join(here, 'head.md')).read()]

# Speed
load = open('/proc/loadavg').read().split()[:3] if os.path.exists('/proc/loadavg') else ['n/a']
o.append(f"Load average (1, 5, 15 min) when this page was generated: {' '.join(load)}; cores: {os.cpu_count()}.\n\n")
o.append("| run | settings | strategies × runs | evaluations | wall time | CPU time | evaluations per CPU second |\n|---|---|---|---|---|---|---|\n")
for name, x in [("noise-free sweep", S), ("seed-noise protocol", N)]:
    o.append(f"| {name} | {len(x['benchmarks'])} | {len(x['settings']['strategies'])} × {x['settings']['runs']} | {x['evaluations']:,} | "
             f"{x['wall_seconds']:.1f} s | {x['cpu_seconds']:.1f} s | {x['evaluations'] / x['cpu_seconds']:,.0f} |\n")
o.append(f"\nBoth protocols: {S['wall_seconds'] + N['wall_seconds']:.1f} s wall and {S['cpu_seconds'] + N['cpu_seconds']:.1f} s CPU in the harness; "
         f"{float(total_wall):.1f} s wall for the two commands with start-up, figures and writing.\n\n")
o.append("Per strategy (both runs): evaluations and summed worker-thread seconds.\n\n| strategy | evaluations | thread seconds |\n|---|---|---|\n")
agg = {}
for x in (S, N):
    for b in x['benchmarks']:
        for st in b['strategies']:
            a = agg.setdefault(st['name'], [0, 0.0]); a[0] += st['evaluations']; a[1] += st['thread_seconds']
for k, (e, t) in agg.items():
    o.append(f"| {k} | {e:,} | {t:.1f} |\n")

# Summary of the lead
o.append("\n## Does `layernas` lead?\n\n")
led, total, worst, lost, _ = leads.summary(list(leads.pairs(S)), 25)
nled, ntotal, nworst, nlost, p25 = leads.summary(list(leads.pairs(N)), 50)
bad = leads.oracle_row(S)
on_reward, non_reward = leads.ahead_on_reward(list(leads.pairs(S)), 25), leads.ahead_on_reward(list(leads.pairs(N)), 50)
fin = {}
for b in S['benchmarks']:
    me = next(s for s in b['strategies'] if s['name'] == 'layernas')
    share, most = leads.to_oracle(me)
    fam = 'nas-bench-macro' if 'macro' in b['benchmark'] else 'NB201'
    e = fin.setdefault(fam, [0, 0, 0, 0]); e[0] += 1; e[1] += share >= 1
    if share >= 1: e[2] = max(e[2], most)
    e[3] = max(e[3], me['finish']['max_evaluations'])
o.append("| protocol | cells led | smallest margin where not every run is at the oracle | not led | of those, ahead on mean reward |\n|---|---|---|---|---|\n")
o.append(f"| noise-free, 25–800 evaluations | **{led} / {total}** | {worst[0]:+.2f} ({worst[3]}) in {worst[1]} at {worst[2]:g} | {len(lost)} cells | {on_reward} |\n")
o.append(f"| seed noise, 50–800 evaluations (ties by the 95% interval) | **{nled} / {ntotal}** | {nworst[0]:+.2f} ({nworst[3]}) in {nworst[1]} at {nworst[2]:g} | {len(nlost)} cells | {non_reward} |\n\n")
o.append("Noise-free, `layernas` reaches the reward oracle in every run of " +
         "; ".join(f"{v[1]} of {v[0]} {k} settings (within {v[2]} evaluations, limit {450 if 'macro' in k else 300}; "
                   f"the longest search makes {v[3]})" for k, v in fin.items()) +
         f". Not at the oracle within the limit (share of runs ending at it, most evaluations to it, longest search): {', '.join(bad) or 'none'}.\n\n")
o.append(f"With drawn rewards, its final 25th percentile is below the best baseline's on {len(p25)} of {len(N['benchmarks'])} settings"
         f"{': ' + ', '.join(p25) if p25 else ''}.\n\n")
o.append("Cells not led, noise-free: " + (', '.join(lost) or 'none') + ".\n\n")
if nlost: o.append("Cells not led, seed noise: " + ', '.join(nlost) + ".\n\n")

o.append("\n" + open(os.path.join(here, 'obs.md')).read())

def lead_section(dir_, md_name, level='###'):
    md = open(os.path.join(dir_, md_name)).read()
    sec = md[md.index('## Lead of layernas'):md.index('Cells: mean reported test accuracy')]
    sec = sec.split('\n', 1)[1]
    def with_plot(m):
        title = m.group(1)
        bench, reward, cost = [t.strip() for t in title.split(':')[0].split('/')]
        return f"{level} {title}\n\n![lead of layernas, {bench} / {reward} / {cost}]({img(dir_)}/lead_{bench}_{reward}_{cost}.png)\n"
    return re.sub(r'^### (.*)\n', with_plot, sec, flags=re.M)

o.append("\n## Lead of `layernas`, noise-free sweep\n")
o.append(lead_section(sweep_dir, 'results.md'))
o.append("\n## Lead of `layernas` with seed noise\n")
o.append(lead_section(noise_dir, 'results.md'))

# Noise protocol table: mean [IQR] per strategy at 100/200/400/800
o.append("\n## Seed noise: mean and interquartile range per strategy\n\n")
o.append("Mean reported accuracy and, in brackets, the interquartile range (p75 − p25) of the answers at 100 / 200 / 400 / 800 evaluations; "
         "`layernas` also at its finish (mean evaluations).\n\n")
wanted = [100, 200, 400, 800]
for b in N['benchmarks']:
    o.append(f"**{b['setting']}** (reward oracle tests {b['oracle']['reward_test']:.2f})\n\n| strategy | " + " | ".join(str(w) for w in wanted) + " | at finish |\n|---|" + "---|" * (len(wanted) + 1) + "\n")
    for st in b['strategies']:
        cells = []
        for w in wanted:
            x = next(u for u in st['budgets'] if u['budget'] == w)
            cells.append(f"{x['mean']:.2f} [{x['iqr']:.2f}]")
        f = st.get('finish')
        fc = f"{f['final']['mean']:.2f} [{f['final']['iqr']:.2f}] ({f['mean_evaluations']:.0f})" if f else ''
        o.append(f"| {st['name']} | " + " | ".join(cells) + f" | {fc} |\n")
    o.append("\n")

# Paper table
paper = {'nb201-cifar10': ('CIFAR-10', 94.34, 94.37), 'nb201-cifar100': ('CIFAR-100', 73.01, 73.51), 'nb201-imagenet16-120': ('ImageNet16-120', 46.58, 47.31)}
o.append("## LayerNAS against the paper's table (NB201, `--reward valid200`, unconstrained, no noise)\n\n")
o.append("The LayerNAS paper reports, for this space, LayerNAS at 94.34 / 73.01 / 46.58 (CIFAR-10 / CIFAR-100 / ImageNet16-120) "
         "against best possible 94.37 / 73.51 / 47.31. Ours (LayerNAS has no randomness on a noise-free table, so all runs agree):\n\n")
o.append("| dataset | paper: LayerNAS | paper: best | `layernas` final (evaluations) | `layernas-paper` final (evaluations) | oracle by reward here | best test here |\n|---|---|---|---|---|---|---|\n")
for b in P['benchmarks']:
    if b['benchmark'] in paper:
        name, pl, pb = paper[b['benchmark']]
        cells = []
        for sn in ('layernas', 'layernas-paper'):
            f = next(x for x in b['strategies'] if x['name'] == sn)['finish']
            cells.append(f"{f['final']['mean']:.2f} ({f['mean_evaluations']:.0f})")
        o.append(f"| {name} | {pl} | {pb} | {cells[0]} | {cells[1]} | {b['oracle']['reward_test']:.2f} | {b['oracle']['best_test']:.2f} |\n")

# Per-setting tables: noise-free flops 0.5x / none and every noise setting
o.append("\n## Results per setting\n\nNoise-free flops `0.5x` and unconstrained, and every seed-noise setting; the other settings are in "
         f"[{img(sweep_dir)}/results.md]({img(sweep_dir)}/results.md). Cells: mean reported test accuracy of the chosen architecture (best reward so far) "
         "[25th-75th percentile], then the hit rate. Bold: highest mean at that budget.\n\n")
shown = []
for dir_, keep in ((sweep_dir, lambda b: b['cost'] == 'flops' and b['max_cost'] in ('0.5x', 'none')), (noise_dir, lambda b: True)):
    x = S if dir_ == sweep_dir else N
    md = open(os.path.join(dir_, 'results.md')).read()
    for b in x['benchmarks']:
        if not keep(b): continue
        start = md.index(f"\n## {b['setting']}\n")
        end = md.find("\n## ", start + 4)
        body = md[start:end if end > 0 else len(md)].strip('\n').split('\n', 1)[1]
        o.append(f"### {b['setting']}\n\n![{b['setting']}]({img(dir_)}/{b['key']}.png)\n{body}\n\n")
        shown.append(os.path.join(dir_, b['key'] + '.png'))
o.append(open(os.path.join(here, 'tail.md')).read())
open(out_md, 'w').write(''.join(o))
# The figures the page shows (bench-doc.sh keeps these and the heatmaps).
open(os.path.join(os.path.dirname(os.path.abspath(out_md)), '.bench-figures'), 'w').write('\n'.join(shown) + '\n')
