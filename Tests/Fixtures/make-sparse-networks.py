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
