;; The table of commonShare (src/diff/index.ts): the longest common subsequence of two rows of integer keys, each
;; match weighing the two tokens' lengths, by dynamic programming over two rows. WebAssembly so that it runs compiled
;; from its first call (a review runs it ~160 times once; as JavaScript it ran mostly before V8 optimised it).
;; scripts/make-wasm.mjs turns this into src/diff/share-wasm.ts. Memory (bytes, 32-bit little-endian integers): the
;; caller writes ka, la (n each), kb, lb (m each) from 0 in that order; the two rows follow.
(module
  (memory (export "memory") 1)
  (func (export "share") (param $n i32) (param $m i32) (result i32)
    (local $ka i32) (local $la i32) (local $kb i32) (local $lb i32) (local $prev i32) (local $row i32) (local $swap i32)
    (local $i i32) (local $j i32) (local $key i32) (local $len i32) (local $best i32) (local $diag i32) (local $rowBytes i32)
    (local.set $ka (i32.const 0))
    (local.set $la (i32.shl (local.get $n) (i32.const 2)))
    (local.set $kb (i32.shl (local.get $n) (i32.const 3)))
    (local.set $lb (i32.add (local.get $kb) (i32.shl (local.get $m) (i32.const 2))))
    (local.set $prev (i32.add (local.get $lb) (i32.shl (local.get $m) (i32.const 2))))
    (local.set $rowBytes (i32.shl (i32.add (local.get $m) (i32.const 1)) (i32.const 2)))
    (local.set $row (i32.add (local.get $prev) (local.get $rowBytes)))
    (memory.fill (local.get $prev) (i32.const 0) (i32.shl (local.get $rowBytes) (i32.const 1)))
    (block $rows_done
      (loop $rows
        (br_if $rows_done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $key (i32.load (i32.add (local.get $ka) (i32.shl (local.get $i) (i32.const 2)))))
        (local.set $len (i32.load (i32.add (local.get $la) (i32.shl (local.get $i) (i32.const 2)))))
        (i32.store (local.get $row) (i32.const 0))
        (local.set $j (i32.const 0))
        (block $cols_done
          (loop $cols
            (br_if $cols_done (i32.ge_u (local.get $j) (local.get $m)))
            ;; best = max(prev[j + 1], row[j])
            (local.set $best (i32.load (i32.add (local.get $prev) (i32.shl (i32.add (local.get $j) (i32.const 1)) (i32.const 2)))))
            (local.set $diag (i32.load (i32.add (local.get $row) (i32.shl (local.get $j) (i32.const 2)))))
            (if (i32.gt_s (local.get $diag) (local.get $best)) (then (local.set $best (local.get $diag))))
            ;; a match: prev[j] + len + lb[j]
            (if (i32.eq (i32.load (i32.add (local.get $kb) (i32.shl (local.get $j) (i32.const 2)))) (local.get $key))
              (then
                (local.set $diag
                  (i32.add
                    (i32.add (i32.load (i32.add (local.get $prev) (i32.shl (local.get $j) (i32.const 2)))) (local.get $len))
                    (i32.load (i32.add (local.get $lb) (i32.shl (local.get $j) (i32.const 2))))))
                (if (i32.gt_s (local.get $diag) (local.get $best)) (then (local.set $best (local.get $diag))))))
            (i32.store (i32.add (local.get $row) (i32.shl (i32.add (local.get $j) (i32.const 1)) (i32.const 2))) (local.get $best))
            (local.set $j (i32.add (local.get $j) (i32.const 1)))
            (br $cols)))
        (local.set $swap (local.get $prev))
        (local.set $prev (local.get $row))
        (local.set $row (local.get $swap))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $rows)))
    (i32.load (i32.add (local.get $prev) (i32.shl (local.get $m) (i32.const 2))))))
