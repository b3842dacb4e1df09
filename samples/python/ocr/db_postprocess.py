"""DB (differentiable binarization) post-processing without OpenCV.

probability map -> binary map (threshold) -> 8-connected regions (run-length labelling with a
union-find over runs) -> one axis-aligned box per region, scored by its mean probability ->
boxes grown by the DB "unclip" distance (area * ratio / perimeter).
"""
import numpy as np


class _UnionFind:
    def __init__(self, n):
        self.parent = list(range(n))

    def find(self, i):
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a, b):
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _row_runs(bitmap):
    """Horizontal runs of True pixels: arrays (row, start, end_exclusive), row-major order."""
    padded = np.pad(bitmap.astype(np.int8), ((0, 0), (1, 1)))
    edges = np.diff(padded, axis=1)
    starts = np.argwhere(edges == 1)
    ends = np.argwhere(edges == -1)
    return starts[:, 0], starts[:, 1], ends[:, 1]


def label_regions(bitmap):
    """8-connected regions of a boolean map as a list of (rows, starts, ends) run arrays."""
    rows, starts, ends = _row_runs(bitmap)
    n = len(rows)
    uf = _UnionFind(n)
    row_begin = np.searchsorted(rows, np.arange(bitmap.shape[0] + 1))
    for r in range(bitmap.shape[0] - 1):
        a, a_end = row_begin[r], row_begin[r + 1]
        b, b_end = row_begin[r + 1], row_begin[r + 2]
        while a < a_end and b < b_end:  # two sorted run lists: merge-walk, union overlaps
            if starts[a] <= ends[b] and starts[b] <= ends[a]:  # touch incl. diagonals
                uf.union(a, b)
            if ends[a] < ends[b]:
                a += 1
            else:
                b += 1
    groups = {}
    for i in range(n):
        groups.setdefault(uf.find(i), []).append(i)
    return [(rows[idx], starts[idx], ends[idx]) for idx in (np.array(g) for g in groups.values())]


def boxes_from_map(prob, thresh=0.3, box_thresh=0.6, unclip_ratio=1.6, min_size=3):
    """Returns [(x0, y0, x1, y1, score)] in map coordinates, sorted top-down then left-right."""
    bitmap = prob > thresh
    row_sums = np.concatenate([np.zeros((prob.shape[0], 1)), np.cumsum(prob, axis=1)], axis=1)
    height, width = prob.shape
    boxes = []
    for rows, starts, ends in label_regions(bitmap):
        x0, x1 = int(starts.min()), int(ends.max())  # x1 exclusive
        y0, y1 = int(rows.min()), int(rows.max()) + 1
        w, h = x1 - x0, y1 - y0
        if min(w, h) < min_size:
            continue
        pixels = int(np.sum(ends - starts))
        score = float(np.sum(row_sums[rows, ends] - row_sums[rows, starts])) / pixels
        if score < box_thresh:
            continue
        grow = w * h * unclip_ratio / (2.0 * (w + h))
        boxes.append((max(0, int(round(x0 - grow))), max(0, int(round(y0 - grow))),
                      min(width, int(round(x1 + grow))), min(height, int(round(y1 + grow))),
                      score))
    boxes.sort(key=lambda b: (b[1], b[0]))
    return boxes
