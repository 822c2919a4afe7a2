"""Training as LayerNas.Training.Trainer does it, step for step: same split, batches, augmentation, initial
weights, dropout masks, optimizer, per-step schedule, batch-norm recalibration and scoring."""
import math
import os
import sys
import time

import torch
from torch import nn
import torch.nn.functional as F

from .data import BatchLoader, Splits, load_dataset
from .dotnet_random import DotNetRandom
from .network import build_module, parameter_count, set_dropout_generator


def lr_at(step, total, peak, schedule):
    """The learning rate at `step` of `total`, as TrainingOptions.LearningRateAt."""
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


def recalibrate_batch_norm(model, loader):
    """Exact BN statistics over the loader's batches (momentum 1/k for the k-th batch), as
    Trainer.RecalibrateBatchNorm."""
    norms = [m for m in model.modules() if isinstance(m, nn.BatchNorm2d)]
    saved = [m.momentum for m in norms]
    model.train()
    with torch.no_grad():
        for m in norms:
            m.reset_running_stats()
        for k, (x, _) in enumerate(loader.epoch(), start=1):
            for m in norms:
                m.momentum = 1.0 / k
            model(x)
    for m, mo in zip(norms, saved):
        m.momentum = mo


EVAL_BATCH = 128  # as Trainer.Accuracy: small enough that scoring never needs more memory than training


def accuracy(model, loader):
    """Top-1 accuracy (percent) in eval mode."""
    model.eval()
    correct = 0
    with torch.inference_mode():
        for x, y in loader.epoch():
            correct += int((model(x).argmax(1) == y).sum())
    return 100.0 * correct / len(loader.y)


def train(spec, dataset="fashion-mnist", epochs=1, batch_size=128, lr=0.1, schedule="onecycle", momentum=0.9,
          weight_decay=4e-5, train_subset=None, validation=10000, val_subset=None, evaluate_test=False, seed=0,
          threads=0, device="cpu", bn_recalibrate=0, augment=False, crop_padding=2, log=sys.stderr, data=None,
          amp=False, checkpoint=None, resume=None):
    """Trains like `layernas train` with the same options (SGD Nesterov, cross-entropy, per-step schedule) and
    returns {val_accuracy, [test_accuracy], images_per_second, train_seconds, params, epoch_losses, resumed_epochs}.
    `data` may be a (train x, train y, test x, test y) tuple already loaded. `amp` (CUDA only): float16 autocast with
    a gradient scaler. `checkpoint`: a file written after every epoch (weights, optimizer, dropout generator, scaler,
    progress); `resume`: such a file to continue from (its batches are replayed, so the run goes on as the
    uninterrupted one would have)."""
    if threads > 0:
        torch.set_num_threads(threads)
    splits = Splits(data if data is not None else load_dataset(dataset), validation, seed)
    dev = torch.device(device)
    tx, ty = splits.train_x, splits.train_y
    if train_subset and train_subset < len(ty):
        tx, ty = tx[:train_subset], ty[:train_subset]
    vx, vy = splits.val_x, splits.val_y
    if val_subset and val_subset < len(vy):
        vx, vy = vx[:val_subset], vy[:val_subset]

    def loader(x, y, size, rng=None, aug=False):
        return BatchLoader(x, y, splits.mean, splits.std, size, rng, aug, crop_padding, dev)

    torch.manual_seed(seed)
    model = build_module(spec).to(dev)
    generator = torch.Generator(device=dev).manual_seed(seed & 0xFFFF_FFFF_FFFF_FFFF)
    set_dropout_generator(model, generator)
    batches = loader(tx, ty, batch_size, DotNetRandom(seed), augment)
    opt = torch.optim.SGD(model.parameters(), lr=lr, momentum=momentum, weight_decay=weight_decay, nesterov=True)
    amp = amp and dev.type == "cuda"
    scaler = torch.cuda.amp.GradScaler() if amp else None
    total, step, images, seconds, losses = len(batches) * epochs, 0, 0, 0.0, []
    first = 1
    if resume is not None:
        state = torch.load(resume, map_location=dev)
        model.load_state_dict(state["model"])
        opt.load_state_dict(state["optimizer"])
        generator.set_state(state["dropout_generator"])
        if scaler is not None and state.get("scaler") is not None:
            scaler.load_state_dict(state["scaler"])
        step, images, seconds, losses = state["step"], state["images"], state["seconds"], state["epoch_losses"]
        for _ in range(state["epoch"]):
            batches.advance()
        first = state["epoch"] + 1
        print(f"  resumed from {resume} after epoch {state['epoch']}/{epochs}", file=log)
    for epoch in range(first, epochs + 1):
        model.train()
        start, loss_sum, n_epoch = time.perf_counter(), 0.0, 0
        for x, y in batches.epoch():
            for g in opt.param_groups:
                g["lr"] = lr_at(step, total, lr, schedule)
            step += 1
            opt.zero_grad()
            if scaler is not None:
                with torch.autocast("cuda", dtype=torch.float16):
                    loss = F.cross_entropy(model(x), y)
                scaler.scale(loss).backward()
                scaler.step(opt)
                scaler.update()
            else:
                loss = F.cross_entropy(model(x), y)
                loss.backward()
                opt.step()
            loss_sum += loss.item() * len(y)
            n_epoch += len(y)
        if dev.type == "cuda":
            torch.cuda.synchronize()
        took = time.perf_counter() - start
        seconds += took
        images += n_epoch
        losses.append(loss_sum / n_epoch)
        print(f"  epoch {epoch}/{epochs}  loss {losses[-1]:.4f}  {n_epoch / took:.0f} img/s  {took:.1f} s", file=log)
        if checkpoint is not None:
            state = {"epoch": epoch, "step": step, "images": images, "seconds": seconds, "epoch_losses": losses,
                     "model": model.state_dict(), "optimizer": opt.state_dict(), "dropout_generator": generator.get_state(),
                     "scaler": scaler.state_dict() if scaler is not None else None}
            torch.save(state, checkpoint + ".tmp")
            os.replace(checkpoint + ".tmp", checkpoint)  # a crash mid-write leaves the previous checkpoint whole

    if bn_recalibrate > 0:
        n = min(bn_recalibrate, len(ty))
        recalibrate_batch_norm(model, loader(tx[:n], ty[:n], batch_size))
    result = {
        "val_accuracy": accuracy(model, loader(vx, vy, EVAL_BATCH)),
        "images_per_second": images / seconds if seconds > 0 else 0.0,
        "train_seconds": seconds,
        "params": parameter_count(model),
        "epoch_losses": losses,
        "resumed_epochs": first - 1,
    }
    if evaluate_test:
        result["test_accuracy"] = accuracy(model, loader(splits.test_x, splits.test_y, EVAL_BATCH))
    set_dropout_generator(model, None)
    return result
