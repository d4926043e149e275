/// Strongly connected components of a directed graph in CSR form (edge from row i to each column
/// listed in row i), by Tarjan's algorithm written with an explicit stack, so that 10^5 .. 10^6 vertices
/// cannot overflow the call stack. Components are numbered 0 ..< count.
struct StronglyConnectedComponents {
    /// Component of each vertex.
    var component: [Int32]
    /// Number of components.
    var count: Int

    init(vertexCount n: Int, rowStart: [Int], target: [Int32], include: (Int) -> Bool) {
        var index = [Int32](repeating: -1, count: n)
        var lowLink = [Int32](repeating: 0, count: n)
        var onStack = [Bool](repeating: false, count: n)
        var component = [Int32](repeating: -1, count: n)
        var tarjanStack: [Int32] = []
        var callStack: [(vertex: Int32, edge: Int)] = []  // the DFS frames: vertex and next edge to look at
        var nextIndex: Int32 = 0
        var count: Int32 = 0
        for root in 0..<n where index[root] < 0 {
            index[root] = nextIndex; lowLink[root] = nextIndex; nextIndex += 1
            tarjanStack.append(Int32(root)); onStack[root] = true
            callStack.append((Int32(root), rowStart[root]))
            while let frame = callStack.last {
                let v = Int(frame.vertex)
                var e = frame.edge
                var descended = false
                while e < rowStart[v + 1] {
                    let k = e
                    e += 1
                    guard include(k) else { continue }
                    let w = Int(target[k])
                    if index[w] < 0 {
                        callStack[callStack.count - 1].edge = e
                        index[w] = nextIndex; lowLink[w] = nextIndex; nextIndex += 1
                        tarjanStack.append(Int32(w)); onStack[w] = true
                        callStack.append((Int32(w), rowStart[w]))
                        descended = true
                        break
                    } else if onStack[w] {
                        lowLink[v] = min(lowLink[v], index[w])
                    }
                }
                if descended { continue }
                // v is finished
                callStack.removeLast()
                if lowLink[v] == index[v] {
                    while true {
                        let w = Int(tarjanStack.removeLast())
                        onStack[w] = false
                        component[w] = count
                        if w == v { break }
                    }
                    count += 1
                }
                if let parent = callStack.last {
                    let u = Int(parent.vertex)
                    lowLink[u] = min(lowLink[u], lowLink[v])
                }
            }
        }
        self.component = component
        self.count = Int(count)
    }
}
