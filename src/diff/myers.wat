;; jsdiff's diffArrays (Myers' O(ND) diff, jsdiff's pruning of diagonals past the edges and its choice between
;; insertion and deletion) on integer keys: src/diff/myers.ts's editScript line for line, in WebAssembly so that it
;; runs compiled from its first call. scripts/make-wasm.mjs turns this into src/diff/myers-wasm.ts.
;; Memory (bytes, 32-bit little-endian integers): the caller writes old (n) then new (m) keys from 0; then come
;; has, pathOld, pathLast (2·(n + m + 2) + 1 each) and the components, three integers each (count, kind, previous
;; component or −1): kind 0 common, 1 added, 2 removed. `script` returns the last component of the edit script
;; (−1 for none) and `components` where they start; memory grows as components are made.
(module
  (memory (export "memory") 1)
  (global $n (mut i32) (i32.const 0))
  (global $m (mut i32) (i32.const 0))
  (global $neu (mut i32) (i32.const 0))
  (global $has (mut i32) (i32.const 0))
  (global $pold (mut i32) (i32.const 0))
  (global $plast (mut i32) (i32.const 0))
  (global $c0 (mut i32) (i32.const 0))
  (global $nc (mut i32) (i32.const 0))
  (global $baseOld (mut i32) (i32.const 0))
  (global $baseLast (mut i32) (i32.const 0))

  (func (export "components") (result i32) (global.get $c0))

  ;; A new component (count, kind, previous): its number.
  (func $component (param $count i32) (param $kind i32) (param $prev i32) (result i32)
    (local $at i32)
    (local.set $at (i32.add (global.get $c0) (i32.mul (global.get $nc) (i32.const 12))))
    (block $enough
      (loop $grow
        (br_if $enough (i32.le_u (i32.add (local.get $at) (i32.const 12)) (i32.shl (memory.size) (i32.const 16))))
        (if (i32.lt_s (memory.grow (memory.size)) (i32.const 0)) (then unreachable))
        (br $grow)))
    (i32.store (local.get $at) (local.get $count))
    (i32.store offset=4 (local.get $at) (local.get $kind))
    (i32.store offset=8 (local.get $at) (local.get $prev))
    (global.set $nc (i32.add (global.get $nc) (i32.const 1)))
    (i32.sub (global.get $nc) (i32.const 1)))

  ;; jsdiff's extractCommon on the path being built, on diagonal d: its new position.
  (func $extract (param $d i32) (result i32)
    (local $oldPos i32) (local $newPos i32) (local $common i32)
    (local.set $oldPos (global.get $baseOld))
    (local.set $newPos (i32.sub (local.get $oldPos) (local.get $d)))
    (block $done
      (loop $more
        (br_if $done (i32.ge_s (i32.add (local.get $newPos) (i32.const 1)) (global.get $m)))
        (br_if $done (i32.ge_s (i32.add (local.get $oldPos) (i32.const 1)) (global.get $n)))
        (br_if $done
          (i32.ne
            (i32.load (i32.shl (i32.add (local.get $oldPos) (i32.const 1)) (i32.const 2)))
            (i32.load (i32.add (global.get $neu) (i32.shl (i32.add (local.get $newPos) (i32.const 1)) (i32.const 2))))))
        (local.set $newPos (i32.add (local.get $newPos) (i32.const 1)))
        (local.set $oldPos (i32.add (local.get $oldPos) (i32.const 1)))
        (local.set $common (i32.add (local.get $common) (i32.const 1)))
        (br $more)))
    (if (local.get $common)
      (then (global.set $baseLast (call $component (local.get $common) (i32.const 0) (global.get $baseLast)))))
    (global.set $baseOld (local.get $oldPos))
    (local.get $newPos))

  ;; jsdiff's addToPath from the stored path at slot p.
  (func $addToPath (param $p i32) (param $kind i32) (param $inc i32)
    (local $last i32) (local $at i32)
    (local.set $last (i32.load (i32.add (global.get $plast) (i32.shl (local.get $p) (i32.const 2)))))
    (global.set $baseOld (i32.add (i32.load (i32.add (global.get $pold) (i32.shl (local.get $p) (i32.const 2)))) (local.get $inc)))
    (if (i32.ge_s (local.get $last) (i32.const 0))
      (then
        (local.set $at (i32.add (global.get $c0) (i32.mul (local.get $last) (i32.const 12))))
        (if (i32.eq (i32.load offset=4 (local.get $at)) (local.get $kind))
          (then
            (global.set $baseLast
              (call $component (i32.add (i32.load (local.get $at)) (i32.const 1)) (local.get $kind) (i32.load offset=8 (local.get $at))))
            (return)))))
    (global.set $baseLast (call $component (i32.const 1) (local.get $kind) (local.get $last))))

  ;; The path being built, stored at slot s.
  (func $store (param $s i32)
    (i32.store (i32.add (global.get $has) (i32.shl (local.get $s) (i32.const 2))) (i32.const 1))
    (i32.store (i32.add (global.get $pold) (i32.shl (local.get $s) (i32.const 2))) (global.get $baseOld))
    (i32.store (i32.add (global.get $plast) (i32.shl (local.get $s) (i32.const 2))) (global.get $baseLast)))

  (func (export "script") (param $n i32) (param $m i32) (result i32)
    (local $maxEdit i32) (local $off i32) (local $S i32) (local $newPos i32) (local $minD i32) (local $maxD i32)
    (local $e i32) (local $d i32) (local $dEnd i32) (local $r i32) (local $a i32) (local $hasR i32) (local $hasA i32)
    (local $rOld i32) (local $aOld i32) (local $canAdd i32) (local $canRemove i32) (local $apn i32) (local $slot i32)
    (global.set $n (local.get $n))
    (global.set $m (local.get $m))
    (global.set $neu (i32.shl (local.get $n) (i32.const 2)))
    (local.set $maxEdit (i32.add (local.get $n) (local.get $m)))
    (local.set $off (i32.add (local.get $maxEdit) (i32.const 2)))
    (local.set $S (i32.add (i32.shl (local.get $off) (i32.const 1)) (i32.const 1)))
    (global.set $has (i32.shl (i32.add (local.get $n) (local.get $m)) (i32.const 2)))
    (global.set $pold (i32.add (global.get $has) (i32.shl (local.get $S) (i32.const 2))))
    (global.set $plast (i32.add (global.get $pold) (i32.shl (local.get $S) (i32.const 2))))
    (global.set $c0 (i32.add (global.get $plast) (i32.shl (local.get $S) (i32.const 2))))
    (global.set $nc (i32.const 0))
    (memory.fill (global.get $has) (i32.const 0) (i32.shl (local.get $S) (i32.const 2)))
    ;; editLength 0: the common start.
    (global.set $baseOld (i32.const -1))
    (global.set $baseLast (i32.const -1))
    (local.set $newPos (call $extract (i32.const 0)))
    (call $store (local.get $off))
    (if (i32.and
          (i32.ge_s (i32.add (global.get $baseOld) (i32.const 1)) (local.get $n))
          (i32.ge_s (i32.add (local.get $newPos) (i32.const 1)) (local.get $m)))
      (then (return (global.get $baseLast))))
    (local.set $minD (i32.sub (i32.const 0) (local.get $off)))
    (local.set $maxD (local.get $off))
    (local.set $e (i32.const 1))
    (block $edits_done
      (loop $edits
        (br_if $edits_done (i32.gt_s (local.get $e) (local.get $maxEdit)))
        (local.set $d
          (select (local.get $minD) (i32.sub (i32.const 0) (local.get $e)) (i32.gt_s (local.get $minD) (i32.sub (i32.const 0) (local.get $e)))))
        (block $diags_done
          (loop $diags
            (local.set $dEnd (select (local.get $maxD) (local.get $e) (i32.lt_s (local.get $maxD) (local.get $e))))
            (br_if $diags_done (i32.gt_s (local.get $d) (local.get $dEnd)))
            (local.set $r (i32.add (local.get $off) (i32.sub (local.get $d) (i32.const 1))))
            (local.set $a (i32.add (local.get $off) (i32.add (local.get $d) (i32.const 1))))
            (local.set $hasR (i32.load (i32.add (global.get $has) (i32.shl (local.get $r) (i32.const 2)))))
            (local.set $hasA (i32.load (i32.add (global.get $has) (i32.shl (local.get $a) (i32.const 2)))))
            (local.set $rOld (i32.load (i32.add (global.get $pold) (i32.shl (local.get $r) (i32.const 2)))))
            (local.set $aOld (i32.load (i32.add (global.get $pold) (i32.shl (local.get $a) (i32.const 2)))))
            (if (local.get $hasR) (then (i32.store (i32.add (global.get $has) (i32.shl (local.get $r) (i32.const 2))) (i32.const 0))))
            (local.set $canAdd (i32.const 0))
            (if (local.get $hasA)
              (then
                (local.set $apn (i32.sub (local.get $aOld) (local.get $d)))
                (local.set $canAdd (i32.and (i32.ge_s (local.get $apn) (i32.const 0)) (i32.lt_s (local.get $apn) (local.get $m))))))
            (local.set $canRemove
              (i32.and (i32.ne (local.get $hasR) (i32.const 0)) (i32.lt_s (i32.add (local.get $rOld) (i32.const 1)) (local.get $n))))
            (local.set $slot (i32.add (local.get $off) (local.get $d)))
            (if (i32.eqz (i32.or (local.get $canAdd) (local.get $canRemove)))
              (then (i32.store (i32.add (global.get $has) (i32.shl (local.get $slot) (i32.const 2))) (i32.const 0)))
              (else
                ;; from the prior path farthest along the old array that stays inside the edit graph
                (if (i32.or (i32.eqz (local.get $canRemove)) (i32.and (local.get $canAdd) (i32.lt_s (local.get $rOld) (local.get $aOld))))
                  (then (call $addToPath (local.get $a) (i32.const 1) (i32.const 0)))
                  (else (call $addToPath (local.get $r) (i32.const 2) (i32.const 1))))
                (local.set $newPos (call $extract (local.get $d)))
                (if (i32.and
                      (i32.ge_s (i32.add (global.get $baseOld) (i32.const 1)) (local.get $n))
                      (i32.ge_s (i32.add (local.get $newPos) (i32.const 1)) (local.get $m)))
                  (then (return (global.get $baseLast))))
                (call $store (local.get $slot))
                (if (i32.ge_s (i32.add (global.get $baseOld) (i32.const 1)) (local.get $n))
                  (then
                    (local.set $maxD
                      (select (local.get $maxD) (i32.sub (local.get $d) (i32.const 1)) (i32.lt_s (local.get $maxD) (i32.sub (local.get $d) (i32.const 1)))))))
                (if (i32.ge_s (i32.add (local.get $newPos) (i32.const 1)) (local.get $m))
                  (then
                    (local.set $minD
                      (select (local.get $minD) (i32.add (local.get $d) (i32.const 1)) (i32.gt_s (local.get $minD) (i32.add (local.get $d) (i32.const 1)))))))))
            (local.set $d (i32.add (local.get $d) (i32.const 2)))
            (br $diags)))
        (local.set $e (i32.add (local.get $e) (i32.const 1)))
        (br $edits)))
    unreachable))
