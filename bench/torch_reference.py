#!/usr/bin/python3
"""PyTorch reference for LayerNas network specs: a command over the importable package bench/layernas_torch.

`layernas_torch` builds a torch.nn.Module from a LayerNas network spec (the JSON of `layernas train --spec-out`,
docs/training.md) with exactly the layers, parameter names and initialization of LayerNas.Training's TorchSharp
module, and trains it exactly as `layernas train` does (same split, batches, augmentation, dropout masks,
optimizer and schedule), so that

  * a module's parameter count equals the spec's `params` cost (check: `python3 bench/torch_reference.py params SPEC`);
  * weights can be exchanged with the TorchSharp module by name (safetensors round trips);
  * `python3 bench/torch_reference.py train SPEC [options]` trains it and prints one JSON object, the reference that
    `bench/train-speed.sh` and the agreement test (tests/LayerNas.Training.Tests) compare `layernas train` with.

The external trainer for `layernas search --evaluator command` over the same package is examples/train_candidate.py.

Import the builder on its own with `from layernas_torch import build_module` (bench/ on sys.path), or as before
`from torch_reference import build_module`. Needs python3-torch (Debian: apt-get install python3-torch) and numpy.
"""
import argparse
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import torch  # noqa: E402

from layernas_torch.network import Network, build_module, parameter_count  # noqa: E402,F401
from layernas_torch.data import FASHION_MNIST, load_dataset, read_idx  # noqa: E402,F401
from layernas_torch.training import lr_at, train  # noqa: E402,F401


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="command", required=True)
    p = sub.add_parser("params", help="print the parameter count of a spec's module")
    p.add_argument("spec")
    t = sub.add_parser("train", help="train a spec and print one JSON object")
    t.add_argument("spec")
    t.add_argument("--dataset", default="fashion-mnist")
    t.add_argument("--epochs", type=int, default=1)
    t.add_argument("--batch-size", type=int, default=128)
    t.add_argument("--lr", type=float, default=0.1)
    t.add_argument("--schedule", default="onecycle", choices=["cosine", "onecycle", "constant"])
    t.add_argument("--train-subset", type=int)
    t.add_argument("--val-subset", type=int)
    t.add_argument("--threads", type=int, default=0)
    t.add_argument("--seed", type=int, default=0)
    t.add_argument("--test", action="store_true", help="also score the test set")
    t.add_argument("--device", default="cpu")
    t.add_argument("--bn-recalibrate", type=int, default=0, help="re-estimate BN statistics on N training images before scoring")
    t.add_argument("--validation", type=int, default=10000, help="images split off the training data for validation")
    t.add_argument("--augment", default="false", choices=["true", "false"], help="random crop and horizontal flip")
    a = ap.parse_args(argv)
    if a.command == "params":
        print(parameter_count(build_module(a.spec)))
        return 0
    res = train(a.spec, a.dataset, a.epochs, a.batch_size, a.lr, a.schedule, train_subset=a.train_subset,
                val_subset=a.val_subset, evaluate_test=a.test, seed=a.seed, threads=a.threads, device=a.device,
                bn_recalibrate=a.bn_recalibrate, validation=a.validation, augment=a.augment == "true")
    print(json.dumps(res))
    return 0


if __name__ == "__main__":
    sys.exit(main())
