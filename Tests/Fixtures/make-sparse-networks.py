"""Writes the sparse-network fixtures: one 12-neuron named network as an edge list (CSV with
header and names, TSV without header with indices), as scipy.sparse save_npz files (csr, csc, coo)
and densely (np.savez J=...), and the example connectome Examples/connectome-names.csv.
Run from the repository root: python3 Tests/Fixtures/make-sparse-networks.py"""
import numpy as np
import scipy.sparse as sp

rng = np.random.default_rng(12)
names = ["AVAL", "AVAR", "AVBL", "AVBR", "PVCL", "PVCR", "DVA", "AIBL", "AIBR", "RIML", "RIMR", "SMDVL"]
n = len(names)
J = sp.random(n, n, density=0.3, random_state=rng, data_rvs=lambda k: rng.normal(size=k)).tolil()
for i in range(n):                      # a ring keeps the support strongly connected
    J[(i + 1) % n, i] = 0.5 + rng.random()
J[3, 3] = 0.25                          # a self-loop
J = J.tocsr()                           # row i = synapses into neuron i (post_pre)
dense = J.toarray()

np.savez("Tests/Fixtures/sparse-dense.npz", J=dense, orientation="post_pre")
for storage in ["csr", "csc", "coo"]:
    sp.save_npz(f"Tests/Fixtures/sparse-{storage}.npz", J.asformat(storage), compressed=(storage == "csc"))
coo = J.tocoo()
with open("Tests/Fixtures/sparse-names.csv", "w") as f:
    f.write("pre,post,weight\n")
    for post, pre, w in zip(coo.row, coo.col, coo.data):
        f.write(f"{names[pre]},{names[post]},{float(w)!r}\n")
with open("Tests/Fixtures/sparse-indices.tsv", "w") as f:
    for post, pre, w in zip(coo.row, coo.col, coo.data):
        f.write(f"{pre}\t{post}\t{float(w)!r}\n")
with open("Tests/Fixtures/sparse-names.txt", "w") as f:
    f.write("\n".join(names) + "\n")
with open("Examples/connectome-names.csv", "w") as f:
    f.write("pre,post,weight\n")
    for post, pre, w in zip(coo.row, coo.col, coo.data):
        f.write(f"{names[pre]},{names[post]},{round(float(w), 3)!r}\n")

# A whole network with a sparse J (members J_format, J_shape, J_data, ...) beside W_in, b, W_out,
# read out from the state; the same network in pre_post with J in coo; and its dense twin.
m, k = 3, 2
W_in = rng.normal(size=(n, m))
b = rng.normal(size=n) * 0.1
W_out = rng.normal(size=(k, n))
x0 = rng.normal(size=n) * 0.1
inputs = rng.normal(size=(2, 20, m))
common = dict(b=b, initial_state=x0, inputs=inputs, tau=1.0, dt=0.1, nonlinearity="relu", readout="state")
np.savez("Tests/Fixtures/sparse-network.npz", J_format="csr", J_shape=J.shape, J_data=J.data,
         J_indices=J.indices, J_indptr=J.indptr, W_in=W_in, W_out=W_out, orientation="post_pre", **common)
T = J.T.tocoo()                         # pre_post: the file's matrix is J^T, W_in M x N, W_out N x K
np.savez("Tests/Fixtures/sparse-network-prepost-coo.npz", J_format="coo", J_shape=T.shape, J_data=T.data,
         J_row=T.row, J_col=T.col, W_in=W_in.T, W_out=W_out.T, orientation="pre_post", **common)
np.savez("Tests/Fixtures/sparse-network-dense.npz", J=dense, W_in=W_in, W_out=W_out, orientation="post_pre", **common)
