#!/usr/bin/python3
"""PyTorch reference for LayerNas network specs.

Builds a torch.nn.Module from a LayerNas network spec (the JSON of `layernas train --spec-out`, docs/training.md)
with exactly the layers and parameter names of LayerNas.Training's TorchSharp module, so that

  * a module's parameter count equals the spec's `params` cost (check: `python3 bench/torch_reference.py params SPEC`);
  * weights can be exchanged with the TorchSharp module by name (safetensors round trips);
  * it serves as an example external trainer: `python3 bench/torch_reference.py trial TRIAL.json` trains one candidate
    and prints {"reward": ..., "metrics": {...}} as its last stdout line;
  * `bench/train-speed.sh` compares training images/s against `layernas train` (same spec, batch, threads).

Import it as a module (`from torch_reference import build_module`) or run it as a command. Needs python3-torch
(Debian: apt-get install python3-torch) and numpy.
"""
import argparse
import gzip
import json
import math
import os
import struct
import sys
import time

import numpy as np
import torch
from torch import nn
import torch.nn.functional as F

FASHION_MNIST = "/usr/share/datasets/fashion-mnist"

_ACTIVATIONS = {
    "none": None,
    "relu": nn.ReLU,
    "relu6": nn.ReLU6,
    "hswish": nn.Hardswish,
    "hsigmoid": nn.Hardsigmoid,
}


def _act(name):
    try:
        cls = _ACTIVATIONS[name]
    except KeyError:
        raise ValueError(f"unknown activation '{name}'") from None
    return cls() if cls is not None else None


def conv_bn_act(cin, cout, kernel, stride=1, groups=1, bias=False, batch_norm=True, activation="relu", bn=None):
    """Sequential(conv, [bn], [act]) named 0, 1, 2 (as LayerNas.Training's ConvBnAct)."""
    bn = bn or {"eps": 1e-5, "momentum": 0.1}
    layers = [nn.Conv2d(cin, cout, kernel, stride, (kernel - 1) // 2, groups=groups, bias=bias)]
    if batch_norm:
        layers.append(nn.BatchNorm2d(cout, eps=bn["eps"], momentum=bn["momentum"]))
    a = _act(activation)
    if a is not None:
        layers.append(a)
    return nn.Sequential(*layers)


class SqueezeExcite(nn.Module):
    def __init__(self, channels, se):
        super().__init__()
        self.fc1 = nn.Conv2d(channels, se["squeeze_channels"], 1)
        self.fc2 = nn.Conv2d(se["squeeze_channels"], channels, 1)
        self.act = _act(se.get("activation", "relu")) or nn.Identity()
        self.gate = _act(se.get("gate", "hsigmoid")) or nn.Identity()

    def forward(self, x):
        s = F.adaptive_avg_pool2d(x, 1)
        return x * self.gate(self.fc2(self.act(self.fc1(s))))


class InvertedResidual(nn.Module):
    def __init__(self, b, bn):
        super().__init__()
        cin, x, cout = b["in_channels"], b["expanded_channels"], b["out_channels"]
        act = b.get("activation", "relu6")
        self.expand = conv_bn_act(cin, x, 1, activation=act, bn=bn) if x != cin else None
        self.depthwise = conv_bn_act(x, x, b["kernel"], b.get("stride", 1), groups=x, activation=act, bn=bn)
        self.se = SqueezeExcite(x, b["squeeze_excite"]) if b.get("squeeze_excite") else None
        self.project = conv_bn_act(x, cout, 1, activation="none", bn=bn)
        self.residual = b.get("stride", 1) == 1 and cin == cout

    def forward(self, inp):
        h = self.expand(inp) if self.expand is not None else inp
        h = self.depthwise(h)
        if self.se is not None:
            h = self.se(h)
        h = self.project(h)
        return h + inp if self.residual else h


class DepthwiseSeparable(nn.Module):
    def __init__(self, b, bn):
        super().__init__()
        cin = b["in_channels"]
        self.depthwise = conv_bn_act(cin, cin, b["kernel"], b.get("stride", 1), groups=cin,
                                     activation=b.get("activation", "relu"), bn=bn)
        self.se = SqueezeExcite(cin, b["squeeze_excite"]) if b.get("squeeze_excite") else None
        self.pointwise = conv_bn_act(cin, b["out_channels"], 1, activation=b.get("pointwise_activation", "relu"), bn=bn)

    def forward(self, x):
        h = self.depthwise(x)
        if self.se is not None:
            h = self.se(h)
        return self.pointwise(h)


def _conv_from(c, bn):
    return conv_bn_act(c["in_channels"], c["out_channels"], c["kernel"], c.get("stride", 1), c.get("groups", 1),
                       c.get("bias", False), c.get("batch_norm", True), c.get("activation", "relu"), bn)


class Network(nn.Module):
    """stem -> blocks -> head -> global average pool -> classifier, from a LayerNas network spec (dict)."""

    def __init__(self, spec):
        super().__init__()
        bn = spec.get("batch_norm") or {"eps": 1e-5, "momentum": 0.1}
        self.stem = _conv_from(spec["stem"], bn)
        blocks = []
        for b in spec["blocks"]:
            t = b["type"]
            if t == "conv":
                blocks.append(_conv_from(b, bn))
            elif t == "inverted_residual":
                blocks.append(InvertedResidual(b, bn))
            elif t == "depthwise_separable":
                blocks.append(DepthwiseSeparable(b, bn))
            else:
                raise ValueError(f"unknown block type '{t}'")
        self.blocks = nn.ModuleList(blocks)
        self.head = nn.ModuleList([_conv_from(h, bn) for h in spec.get("head", [])])
        layers = []
        for c in spec["classifier"]:
            if c["type"] == "linear":
                layers.append(nn.Linear(c["in_features"], c["out_features"], bias=c.get("bias", True)))
                a = _act(c.get("activation", "none"))
                if a is not None:
                    layers.append(a)
            elif c["type"] == "dropout":
                layers.append(nn.Dropout(c["rate"]))
            else:
                raise ValueError(f"unknown classifier layer '{c['type']}'")
        self.classifier = nn.Sequential(*layers)
        self._initialize()

    def _initialize(self):
        # torchvision MobileNet initialization, as LayerNas.Training.Modules.NetworkModule.
        for m in self.modules():
            if isinstance(m, nn.Conv2d):
                nn.init.kaiming_normal_(m.weight, mode="fan_out")
                if m.bias is not None:
                    nn.init.zeros_(m.bias)
            elif isinstance(m, nn.BatchNorm2d):
                nn.init.ones_(m.weight)
                nn.init.zeros_(m.bias)
            elif isinstance(m, nn.Linear):
                nn.init.normal_(m.weight, 0, 0.01)
                if m.bias is not None:
                    nn.init.zeros_(m.bias)

    def forward(self, x):
        x = self.stem(x)
        for b in self.blocks:
            x = b(x)
        for h in self.head:
            x = h(x)
        return self.classifier(torch.flatten(F.adaptive_avg_pool2d(x, 1), 1))


def build_module(spec):
    """A torch.nn.Module for a spec given as a dict, a JSON string or a file path."""
    if isinstance(spec, str):
        spec = json.loads(spec) if spec.lstrip().startswith("{") else json.load(open(spec))
    return Network(spec)


def parameter_count(module):
    return sum(p.numel() for p in module.parameters())


# ---------------------------------------------------------------- data (IDX, as LayerNas.Training.Data.IdxReader)

def read_idx(path):
    with open(path, "rb") as f:
        data = f.read()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    if len(data) < 4 or data[0] != 0 or data[1] != 0 or data[2] != 8:
        raise ValueError(f"IDX file '{path}' is not a valid unsigned-byte IDX file")
    ndim = data[3]
    dims = struct.unpack(">" + "I" * ndim, data[4:4 + 4 * ndim])
    body = np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * ndim)
    if body.size != int(np.prod(dims)):
        raise ValueError(f"IDX file '{path}' is truncated")
    return body.reshape(dims)


def load_idx_folder(folder):
    def find(stem):
        for name in (stem, stem + ".gz"):
            p = os.path.join(folder, name)
            if os.path.exists(p):
                return p
        raise FileNotFoundError(f"{folder} has no {stem}[.gz]")
    xtr = read_idx(find("train-images-idx3-ubyte"))[:, None, :, :]
    ytr = read_idx(find("train-labels-idx1-ubyte")).astype(np.int64)
    xte = read_idx(find("t10k-images-idx3-ubyte"))[:, None, :, :]
    yte = read_idx(find("t10k-labels-idx1-ubyte")).astype(np.int64)
    return xtr, ytr, xte, yte


def load_dataset(name):
    if name == "fashion-mnist":
        if not os.path.isdir(FASHION_MNIST):
            raise SystemExit("fashion-mnist is not installed: run `apt-get install dataset-fashion-mnist`")
        return load_idx_folder(FASHION_MNIST)
    if name.startswith("idx:"):
        return load_idx_folder(name[4:])
    raise SystemExit(f"unknown data set '{name}' (this reference reads fashion-mnist and idx:DIR)")


def lr_at(step, total, peak, schedule):
    """Same schedules as LayerNas.Training.TrainingOptions.LearningRateAt."""
    t = 0.0 if total <= 1 else step / (total - 1)
    if schedule == "cosine":
        return peak * 0.5 * (1 + math.cos(math.pi * t))
    if schedule == "onecycle":
        lo = peak / 25
        if t < 0.3:
            return lo + (peak - lo) * (t / 0.3)
        u = (t - 0.3) / 0.7
        mn = peak / 1e4
        return mn + (peak - mn) * 0.5 * (1 + math.cos(math.pi * u))
    return peak


def train(spec, dataset="fashion-mnist", epochs=1, batch_size=128, lr=0.1, schedule="onecycle", momentum=0.9,
          weight_decay=4e-5, train_subset=None, validation=10000, val_subset=None, evaluate_test=False, seed=0,
          threads=0, device="cpu", bn_recalibrate=0, log=sys.stderr):
    """Trains like LayerNas.Training.Trainer (SGD Nesterov, cross-entropy, per-step schedule). Returns a dict."""
    if threads > 0:
        torch.set_num_threads(threads)
    torch.manual_seed(seed)
    xtr, ytr, xte, yte = load_dataset(dataset)
    order = np.random.RandomState(seed).permutation(len(ytr))
    val_idx, tr_idx = order[:validation], order[validation:]
    if train_subset:
        tr_idx = tr_idx[:train_subset]
    if val_subset:
        val_idx = val_idx[:val_subset]
    mean = xtr[tr_idx].mean() / 255.0
    std = xtr[tr_idx].std() / 255.0
    dev = torch.device(device)

    def batch(x, idx):
        return torch.from_numpy(((x[idx].astype(np.float32) / 255.0 - mean) / std).astype(np.float32)).to(dev)

    model = build_module(spec).to(dev)
    opt = torch.optim.SGD(model.parameters(), lr=lr, momentum=momentum, weight_decay=weight_decay, nesterov=True)
    steps_per_epoch = (len(tr_idx) + batch_size - 1) // batch_size
    total, step, images, seconds = steps_per_epoch * epochs, 0, 0, 0.0
    rng = np.random.RandomState(seed)
    for epoch in range(1, epochs + 1):
        model.train()
        perm = tr_idx[rng.permutation(len(tr_idx))]
        start, loss_sum, n_epoch = time.perf_counter(), 0.0, 0
        for i in range(0, len(perm), batch_size):
            idx = perm[i:i + batch_size]
            x, y = batch(xtr, idx), torch.from_numpy(ytr[idx]).to(dev)
            for g in opt.param_groups:
                g["lr"] = lr_at(step, total, lr, schedule)
            step += 1
            opt.zero_grad()
            loss = F.cross_entropy(model(x), y)
            loss.backward()
            opt.step()
            loss_sum += loss.item() * len(idx)
            n_epoch += len(idx)
        if dev.type == "cuda":
            torch.cuda.synchronize()
        took = time.perf_counter() - start
        seconds += took
        images += n_epoch
        print(f"  epoch {epoch}/{epochs}  loss {loss_sum / n_epoch:.4f}  {n_epoch / took:.0f} img/s  {took:.1f} s", file=log)

    if bn_recalibrate > 0:
        # As Trainer.RecalibrateBatchNorm: exact BN statistics over the first N training images (momentum None =
        # cumulative average), so short proxy trainings score above chance.
        norms = [m for m in model.modules() if isinstance(m, nn.BatchNorm2d)]
        saved = [m.momentum for m in norms]
        for m in norms:
            m.reset_running_stats()
            m.momentum = None
        model.train()
        with torch.no_grad():
            sub = tr_idx[:bn_recalibrate]
            for i in range(0, len(sub), batch_size):
                model(batch(xtr, sub[i:i + batch_size]))
        for m, mo in zip(norms, saved):
            m.momentum = mo

    def accuracy(x, y, idx):
        model.eval()
        correct = 0
        with torch.no_grad():
            for i in range(0, len(idx), 500):
                j = idx[i:i + 500]
                correct += (model(batch(x, j)).argmax(1).cpu() == torch.from_numpy(y[j])).sum().item()
        return 100.0 * correct / len(idx)

    result = {
        "val_accuracy": accuracy(xtr, ytr, val_idx),
        "images_per_second": images / seconds,
        "train_seconds": seconds,
        "params": parameter_count(model),
    }
    if evaluate_test:
        result["test_accuracy"] = accuracy(xte, yte, np.arange(len(yte)))
    return result


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
    r = sub.add_parser("trial", help="external trainer: train one candidate from a trial JSON file")
    r.add_argument("trial", help="JSON: {\"spec\": {...} or \"spec_path\": FILE, optional dataset, epochs, batch_size, "
                                 "lr, schedule, train_subset, val_subset, threads, seed, device, bn_recalibrate (default 1000)}")
    a = ap.parse_args(argv)
    if a.command == "params":
        print(parameter_count(build_module(a.spec)))
        return 0
    if a.command == "train":
        res = train(a.spec, a.dataset, a.epochs, a.batch_size, a.lr, a.schedule, train_subset=a.train_subset,
                    val_subset=a.val_subset, evaluate_test=a.test, seed=a.seed, threads=a.threads, device=a.device,
                    bn_recalibrate=a.bn_recalibrate)
        print(json.dumps(res))
        return 0
    trial = json.load(open(a.trial))
    spec = trial.get("spec") or trial.get("spec_path")
    if spec is None:
        spec = trial if "blocks" in trial else None
    if spec is None:
        raise SystemExit(f"{a.trial}: give the network as \"spec\" (object) or \"spec_path\" (file)")
    res = train(spec, trial.get("dataset", "fashion-mnist"), trial.get("epochs", 1), trial.get("batch_size", 128),
                trial.get("lr", 0.1), trial.get("schedule", "onecycle"), train_subset=trial.get("train_subset"),
                val_subset=trial.get("val_subset"), seed=trial.get("seed", 0), threads=trial.get("threads", 0),
                device=trial.get("device", "cuda" if torch.cuda.is_available() else "cpu"),
                bn_recalibrate=int(trial.get("bn_recalibrate", 1000)))
    reward = res.pop("val_accuracy")
    print(json.dumps({"reward": reward, "metrics": res}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
