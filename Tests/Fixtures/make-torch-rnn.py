"""Writes Tests/Fixtures/torch-rnn.npz and torch-rnn-trial.npz: the state_dict of a PyTorch model

    class Net(nn.Module):
        def __init__(self): super().__init__(); self.rnn = nn.RNN(3, 6, nonlinearity="relu"); self.fc = nn.Linear(6, 2)

saved the usual way, np.savez(path, **{k: v.numpy() for k, v in model.state_dict().items()}), but made
with numpy (torch is not needed): tensors rnn.weight_ih_l0 (H x M), rnn.weight_hh_l0 (H x H),
rnn.bias_ih_l0, rnn.bias_hh_l0 (H), fc.weight (K x H), fc.bias (K), float32 as torch stores them.
The trial file holds inputs u (T x M) and the outputs of nn.RNN's recursion in float64,
h_t = relu(W_ih u_t + b_ih + W_hh h_{t-1} + b_hh), h_0 = 0, y_t = fc.weight h_t + fc.bias,
so that a reader of the state_dict can be checked against PyTorch's own definition. Seeded.
"""
import numpy as np

rng = np.random.default_rng(5)
H, M, K, T = 6, 3, 2, 12
sd = {
    "rnn.weight_ih_l0": rng.normal(0, 0.8, (H, M)),
    "rnn.weight_hh_l0": rng.normal(0, 0.5, (H, H)) * np.exp(rng.normal(0, 1, (H, 1)) - rng.normal(0, 1, (1, H))),
    "rnn.bias_ih_l0": rng.normal(0, 0.1, H),
    "rnn.bias_hh_l0": rng.normal(0, 0.1, H),
    "fc.weight": rng.normal(0, 1, (K, H)),
    "fc.bias": rng.normal(0, 0.1, K),
}
sd = {k: v.astype(np.float32) for k, v in sd.items()}
np.savez("Tests/Fixtures/torch-rnn.npz", **sd)
u = rng.normal(0, 1, (T, M))
W = {k: v.astype(np.float64) for k, v in sd.items()}
h = np.zeros(H)
ys = []
for t in range(T):
    h = np.maximum(W["rnn.weight_ih_l0"] @ u[t] + W["rnn.bias_ih_l0"] + W["rnn.weight_hh_l0"] @ h + W["rnn.bias_hh_l0"], 0)
    ys.append(W["fc.weight"] @ h + W["fc.bias"])
np.savez("Tests/Fixtures/torch-rnn-trial.npz", inputs=u, outputs=np.array(ys))
print("max |y| =", np.abs(ys).max())
