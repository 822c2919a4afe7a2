#!/usr/bin/env python3
"""PyTorch trainer for `layernas search --space SPACE --evaluator command --command "python3 examples/train_candidate.py"`.

LayerNas runs this script once per trial attempt, without a shell, with the trial file's path as the last argument
(also in $LAYERNAS_TRIAL_FILE). The file holds the candidate's network "spec" (for a network space: `--space NAME`
or a space file), the study's "seed", free-form "settings" (`--setting KEY=VALUE`) and "output_dir" (this
attempt's folder). The script builds the candidate from its spec with bench/layernas_torch (the module the PyTorch
reference uses: the same layers, parameter names and initialization as LayerNas' own TorchSharp trainer), trains it
with `layernas train`'s recipe, and prints the result as the LAST stdout line:

    {"reward": <validation accuracy, %>, "metrics": {"val_accuracy", "params", "madds", "images_per_second", ...}}

`params` and `madds` are counted in PyTorch (parameters; forward hooks on Conv2d and Linear), so they can be
compared with LayerNas' exact costs of the same spec.

Settings (all optional): dataset (fashion-mnist, idx:DIR, cifar10:DIR, cifar100:DIR; default fashion-mnist),
epochs (1), batch_size (128), lr (0.1), schedule (onecycle|cosine|constant), train_subset, val_subset,
validation (10000), augment (false), bn_recalibrate (1000), threads (0: PyTorch's default), seed (the trial's),
test (false: also score the test set), device (default: the slot's GPU, else cpu), amp (default: true on a GPU).

GPUs: $LAYERNAS_SLOT (0..N-1 with --parallel N) picks cuda:(slot mod visible GPUs); with --gpus LayerNas also sets
CUDA_VISIBLE_DEVICES per slot. On a GPU the step runs in float16 autocast with a gradient scaler (amp=false: off).

Checkpoints: after every epoch the run writes checkpoint.pt into its attempt folder; a later attempt of the same
trial (after a crash, a timeout or a killed worker) resumes from the newest checkpoint of an earlier attempt, replays
the data order, and finishes as the uninterrupted run would have.

Without PyTorch the script fails (exit 3) and says how to install it. `--stand-in` replaces training by a
deterministic score of the architecture string, for trying the plumbing without PyTorch; it is NOT a training
result and says so on stderr, in the result's "stand_in" field and in a "stand_in" metric that the study records.
"""
import argparse
import glob
import json
import os
import re
import sys
import zlib

BENCH = os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "bench")


def fail(message, code=2):
    print(f"train_candidate.py: {message}", file=sys.stderr)
    return code


def stand_in(trial):
    """Deterministic per architecture, so a resumed or distributed study gives the same number."""
    score = 50 + (zlib.crc32(trial["arch"].encode()) % 4000) / 100
    print("train_candidate.py: STAND-IN SCORE, not a training result (--stand-in)", file=sys.stderr)
    return {"reward": score, "stand_in": True, "metrics": {"stand_in": 1}}


def earlier_checkpoint(output_dir):
    """The checkpoint of the latest earlier attempt of this trial (sibling folders attempt-K), if any."""
    attempts = []
    for path in glob.glob(os.path.join(output_dir, os.pardir, "attempt-*", "checkpoint.pt")):
        match = re.search(r"attempt-(\d+)", path)
        folder = os.path.dirname(os.path.abspath(path))
        if match and folder != os.path.abspath(output_dir):
            attempts.append((int(match.group(1)), path))
    return max(attempts)[1] if attempts else None


def flag(value):
    return value if isinstance(value, bool) else str(value).lower() in ("1", "true", "yes")


def train_with_torch(trial):
    try:
        import torch
    except ImportError as e:
        raise SystemExit(fail(f"PyTorch is not installed for {sys.executable} ({e}): install it (Debian: "
                              "apt-get install python3-torch; elsewhere: pip install torch), or pass --stand-in for a "
                              "labelled stand-in score that trains nothing", 3))
    sys.path.insert(0, BENCH)
    from layernas_torch.costs import count
    from layernas_torch.network import build_module
    from layernas_torch.training import train

    spec = trial.get("spec")
    if not spec:
        raise SystemExit(fail(f"the trial of space '{trial.get('space')}' has no network \"spec\": search a network space "
                              "(--space NAME or a space file) to train its candidates, or pass --stand-in"))
    s = dict(trial.get("settings") or {})
    slot = int(os.environ.get("LAYERNAS_SLOT", trial.get("slot", 0)))
    device = s.get("device") or (f"cuda:{slot % torch.cuda.device_count()}" if torch.cuda.is_available() else "cpu")
    amp = flag(s.get("amp", str(device).startswith("cuda")))
    out = trial["output_dir"]
    resume = earlier_checkpoint(out)
    print(f"trial {trial['trial']} attempt {trial['attempt']} slot {slot}: {trial['arch']} on {device}"
          f"{' (mixed precision)' if amp and str(device).startswith('cuda') else ''}"
          f"{f', resuming from {resume}' if resume else ''}", flush=True)
    res = train(spec, s.get("dataset", "fashion-mnist"), int(s.get("epochs", 1)), int(s.get("batch_size", 128)),
                float(s.get("lr", 0.1)), s.get("schedule", "onecycle"),
                train_subset=int(s["train_subset"]) if "train_subset" in s else None,
                val_subset=int(s["val_subset"]) if "val_subset" in s else None,
                validation=int(s.get("validation", 10000)), evaluate_test=flag(s.get("test", False)),
                seed=int(s.get("seed", trial.get("seed", 0))), threads=int(s.get("threads", 0)), device=device,
                bn_recalibrate=int(s.get("bn_recalibrate", 1000)), augment=flag(s.get("augment", False)), amp=amp,
                checkpoint=os.path.join(out, "checkpoint.pt"), resume=resume)
    model = build_module(spec)
    params, madds = count(model, spec["input"]["resolution"], spec["input"]["channels"])
    metrics = {"val_accuracy": res["val_accuracy"], "params": params, "madds": madds,
               "images_per_second": res["images_per_second"], "train_seconds": res["train_seconds"],
               "resumed_epochs": res["resumed_epochs"], "final_loss": res["epoch_losses"][-1]}
    if "test_accuracy" in res:
        metrics["test_accuracy"] = res["test_accuracy"]
    return {"reward": res["val_accuracy"], "metrics": metrics}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--stand-in", action="store_true",
                    help="score the architecture string instead of training (labelled; for trying the plumbing)")
    ap.add_argument("trial", nargs="?", help="the trial file (default: $LAYERNAS_TRIAL_FILE)")
    a = ap.parse_args(argv)
    path = a.trial or os.environ.get("LAYERNAS_TRIAL_FILE")
    if not path:
        return fail("give the trial file as the last argument or in LAYERNAS_TRIAL_FILE (layernas does both)")
    with open(path) as f:
        trial = json.load(f)
    result = stand_in(trial) if a.stand_in else train_with_torch(trial)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
