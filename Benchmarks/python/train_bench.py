#!/usr/bin/env python3
"""Training throughput: `sbal train` against the same model and BPTT written in numpy.

The model is the one of Sources/Training (docs/math.md, "Model"; the Fig 4 recipe): a ReLU rate network,
tau = 1, 10 Euler substeps of dt = 0.1 per task step with the input held, x0 = 0, readout y = W_out x after
each task step, 50 task steps, a batch of the 8 conditions of context-dependent integration (6 inputs,
2 outputs, input noise 0.3), loss RMSE + lambda sum J^2, SGD with the gradient clipped to global norm 10.
float64 in both. numpy's loop is the straightforward vectorised one (one matmul per Euler substep forward
and backward, dJ accumulated as one big matmul over all stored substeps, as the Swift code does).

The two are run alternately (numpy, sbal, numpy, sbal, ...) in fresh processes, each with its BLAS
thread count fixed, and the median iterations per second of each is reported with the ratio.

    python3 Benchmarks/python/train_bench.py --sbal .build/release/sbal --neurons 256 --iterations 30 --rounds 3

--check compares one numpy gradient against central finite differences (a self-test of this script).
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time


def cdi_batch(rng, steps=50, noise=0.3):
    import numpy as np
    u = noise * rng.standard_normal((steps, 8, 6))
    for b in range(8):
        context, c0, c1 = b // 4, (b // 2) % 2, b % 2
        u[:, b, context] += 1
        u[:, b, 2 + c0] += 1
        u[:, b, 4 + c1] += 1
    # target: running sum of the attended context's two channels (columns 2 + 2 context, 3 + 2 context)
    target = np.cumsum(np.stack([u[:, b, 2 + 2 * (b // 4): 4 + 2 * (b // 4)] for b in range(8)], axis=1), axis=0)
    return u, target


def loss_and_gradient(theta, u, target, substeps=10, dt=0.1):
    """RMSE and its gradient by BPTT. theta = (J, W_in, W_out, b); row-vector layout X (B x N)."""
    import numpy as np
    J, Win, Wout, bias = theta
    steps, bs, _ = u.shape
    n = J.shape[0]
    h = dt
    total = steps * substeps
    states = np.empty((total + 1, bs, n))
    states[0] = 0
    drives = u @ Win.T + bias  # steps x B x N
    for t in range(steps):
        d = drives[t]
        for s in range(substeps):
            k = t * substeps + s
            x = states[k]
            states[k + 1] = (1 - h) * x + h * (np.maximum(x, 0) @ J.T + d)
    readout = states[substeps::substeps]  # steps x B x N
    y = readout @ Wout.T
    r = y - target
    mse = np.mean(r * r)
    rmse = np.sqrt(mse)
    dy = r / (r.size * rmse)
    adjoints = np.empty((total, bs, n))
    a = np.zeros((bs, n))
    dD = np.zeros((steps, bs, n))
    for k in range(total, 0, -1):
        if k % substeps == 0:
            a = a + dy[k // substeps - 1] @ Wout
        adjoints[k - 1] = a
        dD[(k - 1) // substeps] += h * a
        x = states[k - 1]
        a = (1 - h) * a + h * (x > 0) * (a @ J)
    phi = np.maximum(states[:-1], 0).reshape(total * bs, n)
    dJ = h * adjoints.reshape(total * bs, n).T @ phi
    dWin = dD.reshape(steps * bs, n).T @ u.reshape(steps * bs, -1)
    db = dD.sum(axis=(0, 1))
    dWout = np.einsum('tbk,tbn->kn', dy, readout)
    return rmse, [dJ, dWin, dWout, db]


def train(n, iterations, lam=0.0, lr=5e-3, clip=10.0, seed=1):
    import numpy as np
    rng = np.random.default_rng(seed)
    scale = 1 / np.sqrt(n)
    theta = [scale * rng.standard_normal((n, n)), scale * rng.standard_normal((n, 6)),
             scale * rng.standard_normal((2, n)), np.zeros(n)]
    losses = []
    for _ in range(iterations):
        u, target = cdi_batch(rng)
        loss, grad = loss_and_gradient(theta, u, target)
        grad[0] = grad[0] + 2 * lam * theta[0]
        norm = np.sqrt(sum(float(np.sum(g * g)) for g in grad))
        factor = lr * (clip / norm if norm > clip else 1)
        for p, g in zip(theta, grad):
            p -= factor * g
        losses.append(loss)
    return losses


def check():
    import numpy as np
    rng = np.random.default_rng(0)
    n = 5
    theta = [rng.standard_normal((n, n)) / np.sqrt(n), rng.standard_normal((n, 6)) / np.sqrt(n),
             rng.standard_normal((2, n)) / np.sqrt(n), 0.1 * rng.standard_normal(n)]
    u, target = cdi_batch(rng, steps=4)
    _, grad = loss_and_gradient(theta, u, target)
    worst = 0.0
    for block in range(4):
        for idx in np.ndindex(theta[block].shape):
            old = theta[block][idx]
            theta[block][idx] = old + 1e-6
            up, _ = loss_and_gradient(theta, u, target)
            theta[block][idx] = old - 1e-6
            down, _ = loss_and_gradient(theta, u, target)
            theta[block][idx] = old
            fd = (up - down) / 2e-6
            worst = max(worst, abs(fd - grad[block][idx]) / max(1e-8, abs(fd)))
    print(f"worst relative gradient error vs finite differences: {worst:.2e}")
    return worst < 1e-5


def worker(n, iterations):
    start = time.perf_counter()
    losses = train(n, iterations)
    elapsed = time.perf_counter() - start
    print(json.dumps({"seconds": elapsed, "first_loss": losses[0], "last_loss": losses[-1]}))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sbal", default=".build/release/sbal")
    parser.add_argument("--neurons", type=int, default=256)
    parser.add_argument("--iterations", type=int, default=30)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--threads", default="1", help="BLAS threads for both (OPENBLAS_NUM_THREADS, sbal --blas-threads)")
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        return worker(args.neurons, args.iterations)
    if args.check:
        return 0 if check() else 1
    env = dict(os.environ, OPENBLAS_NUM_THREADS=args.threads, OMP_NUM_THREADS=args.threads)
    numpy_rates, sbal_rates = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for round_ in range(args.rounds):
            out = subprocess.run([sys.executable, __file__, "--worker", "--neurons", str(args.neurons),
                                  "--iterations", str(args.iterations)], env=env, check=True, capture_output=True, text=True)
            numpy_rates.append(args.iterations / json.loads(out.stdout)["seconds"])
            # sbal: the whole process (start-up, initialisation and writing the file included) is timed.
            start = time.perf_counter()
            subprocess.run([args.sbal, "train", "--neurons", str(args.neurons), "--iterations", str(args.iterations),
                            "--blas-threads", args.threads, "--quiet", "-o", os.path.join(tmp, "net.json")],
                           env=env, check=True, capture_output=True)
            sbal_rates.append(args.iterations / (time.perf_counter() - start))
            print(f"round {round_ + 1}: numpy {numpy_rates[-1]:.2f} it/s, sbal {sbal_rates[-1]:.2f} it/s", flush=True)
    a, b = statistics.median(numpy_rates), statistics.median(sbal_rates)
    print(f"N = {args.neurons}, {args.iterations} iterations x {args.rounds} rounds, BLAS threads {args.threads}: "
          f"numpy {a:.2f} it/s ({1 / a:.3f} s/it), sbal {b:.2f} it/s ({1 / b:.3f} s/it), ratio sbal / numpy = {b / a:.2f}")


if __name__ == "__main__":
    sys.exit(main())
