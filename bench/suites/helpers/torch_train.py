"""PyTorch side of `pnpm bench peers`: the same workloads as Rectify's, one JSON line on stdout.

Run by bench/suites/peers.mjs as `/usr/bin/python3 torch_train.py <task> <steps>` with OPENBLAS_NUM_THREADS=1 and
torch.set_num_threads(2): the best setting on a 2-core machine (OpenBLAS threads on top of torch's fight for the
cores and halve throughput). Benchmarks only; never a test dependency.
"""
import json
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


def timed_steps(step, warmup, steps):
    for _ in range(warmup):
        step()
    times = []
    for _ in range(steps):
        t0 = time.perf_counter()
        step()
        times.append(time.perf_counter() - t0)
    times.sort()
    return times[len(times) // 2] * 1000


def mlp(steps):
    batch, batches = 128, 40
    x = torch.randn(batch * batches, 784)
    y = torch.randint(0, 10, (batch * batches,))
    model = nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 128), nn.ReLU(), nn.Linear(128, 10))
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    state = {"i": 0}

    def step():
        i = state["i"] % batches
        state["i"] += 1
        xb, yb = x[i * batch:(i + 1) * batch], y[i * batch:(i + 1) * batch]
        opt.zero_grad()
        loss = F.cross_entropy(model(xb), yb)
        loss.backward()
        opt.step()
        return loss.item()

    ms = timed_steps(step, 8, steps)
    return {"ms": ms, "samplesPerSec": batch * 1000 / ms}


def cnn(steps):
    batch = 64
    x = torch.randn(batch, 1, 28, 28)
    y = torch.randint(0, 10, (batch,))
    model = nn.Sequential(
        nn.Conv2d(1, 16, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(16, 32, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(7 * 7 * 32, 10),
    )
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)

    def step():
        opt.zero_grad()
        loss = F.cross_entropy(model(x), y)
        loss.backward()
        opt.step()
        return loss.item()

    ms = timed_steps(step, 3, steps)
    return {"ms": ms, "samplesPerSec": batch * 1000 / ms}


def lstm(steps):
    batch, seq, features, units = 32, 64, 32, 128
    x = torch.randn(batch, seq, features)
    y = torch.randint(0, 10, (batch,))

    class Net(nn.Module):
        def __init__(self):
            super().__init__()
            self.lstm = nn.LSTM(features, units, batch_first=True)
            self.out = nn.Linear(units, 10)

        def forward(self, xb):
            _, (h, _) = self.lstm(xb)
            return self.out(h[-1])

    model = Net()
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)

    def step():
        opt.zero_grad()
        loss = F.cross_entropy(model(x), y)
        loss.backward()
        opt.step()
        return loss.item()

    ms = timed_steps(step, 2, steps)
    return {"ms": ms, "samplesPerSec": batch * 1000 / ms}


def matmul(_steps):
    out = {}
    for label, (m, k, n) in {"1024": (1024, 1024, 1024), "mlp-fwd": (128, 784, 256)}.items():
        a, b = torch.randn(m, k), torch.randn(k, n)
        ms = timed_steps(lambda: torch.mm(a, b), 3, 20)
        out[label] = 2 * m * n * k / (ms * 1e6)
    return {"gflops": out}


if __name__ == "__main__":
    torch.set_num_threads(2)
    task, steps = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 30
    result = {"mlp": mlp, "cnn": cnn, "lstm": lstm, "matmul": matmul}[task](steps)
    result["version"] = torch.__version__
    print(json.dumps(result))
