;; The hot loops of the Section 5 network as WebAssembly SIMD kernels (f64x2: two doubles per
;; instruction). Source of lib/network/kernels-binary.ts: `npm run build:wasm` assembles this file
;; with wabt (scripts/build-wasm.ts); test/network-kernels.test.ts re-assembles it and fails when the
;; committed binary is stale. simd.ts loads the binary; forward.ts and inputs.ts hold the scalar
;; JavaScript counterparts, used where WebAssembly SIMD is unavailable.
;;
;; Bit-identical to the scalar code: every kernel does the scalar arithmetic in the scalar order,
;; each operation rounded once (no fused multiply-add outside relaxed-simd), and the tests compare
;; the two paths bit for bit.
;;
;; Performance notes (V8 11 / Node 20, measured per kernel): TurboFan hoists every load of a loop
;; body to its top and spills when that exceeds the 16 vector registers, and it keeps the base +
;; offset of each distinct v128.load64_splat in a register of its own; so the loop bodies are small,
;; with few distinct offsets, rather than unrolled.
;;
;; Addresses are in bytes. The network's shape is baked into the code as constants (the globals
;; below export them; simd.ts checks them against architecture.ts at load):
;;   input 28 x 28 (a row is 224 bytes), kernel 5 x 5, conv output 24 x 24 (a row is 192 bytes),
;;   KEPT = 116 pooled cells (928 bytes), HIDDEN = 116, OUTPUTS = 10.
(module
  (import "env" "mem" (memory 1))

  (global (export "INPUT_SIDE") i32 (i32.const 28))
  (global (export "KERNEL_SIDE") i32 (i32.const 5))
  (global (export "KEPT") i32 (i32.const 116))
  (global (export "HIDDEN") i32 (i32.const 116))
  (global (export "OUTPUTS") i32 (i32.const 10))

  ;; xor128: $n pixels lo + span w from Marsaglia's xor128 (seedrandom.xor128's step) into $out,
  ;; the state (x, y, z, w) read from four i32 at $state and written back. Integer ops are exact and
  ;; the two f64 ops in the scalar order, so the stream is bit-identical to InputStream.fill.
  ;; Each step: t = x ^ x << 11; new = (w ^ w >>> 19) ^ (t ^ t >>> 8); (x, y, z, w) = (y, z, w, new).
  ;; Four steps per iteration of the main loop, each new word written over the oldest (no register
  ;; rotation), the xors grouped so that only two depend on the previous step.
  (func $xor128 (export "xor128")
    (param $out i32) (param $n i32) (param $state i32) (param $lo f64) (param $span f64)
    (local $end4 i32) (local $s0 i32) (local $s1 i32) (local $s2 i32) (local $s3 i32) (local $t i32) (local $end i32)
    (local.set $s0 (i32.load offset=0 (local.get $state)))
    (local.set $s1 (i32.load offset=4 (local.get $state)))
    (local.set $s2 (i32.load offset=8 (local.get $state)))
    (local.set $s3 (i32.load offset=12 (local.get $state)))
    ;; end = out + 8 n; end4 = end - 8 (n & 3)
    (local.set $end4
      (i32.sub (local.tee $end (i32.add (local.get $out) (i32.shl (local.get $n) (i32.const 3))))
        (i32.shl (i32.and (local.get $n) (i32.const 3)) (i32.const 3))))
    ;; four pixels per iteration: the state words s0 s1 s2 s3 (x y z w on entry) are replaced in turn
    (block $fourDone
      (loop $fourSteps
        (br_if $fourDone (i32.ge_u (local.get $out) (local.get $end4)))
        ;; s0 = (s3 ^ s3 >>> 19) ^ (t ^ t >>> 8), t = s0 ^ s0 << 11; pixel 0
        (local.set $t (i32.xor (local.tee $t (i32.xor (local.get $s0) (i32.shl (local.get $s0) (i32.const 11)))) (i32.shr_u (local.get $t) (i32.const 8))))
        (local.set $t (local.tee $s0 (i32.xor (i32.xor (local.get $s3) (i32.shr_u (local.get $s3) (i32.const 19))) (local.get $t))))
        (f64.store offset=0 (local.get $out) (f64.add (local.get $lo) (f64.mul (local.get $span) (f64.convert_i32_u (local.get $t)))))
        ;; s1 from s1 and s0; pixel 1
        (local.set $t (i32.xor (local.tee $t (i32.xor (local.get $s1) (i32.shl (local.get $s1) (i32.const 11)))) (i32.shr_u (local.get $t) (i32.const 8))))
        (local.set $t (local.tee $s1 (i32.xor (i32.xor (local.get $s0) (i32.shr_u (local.get $s0) (i32.const 19))) (local.get $t))))
        (f64.store offset=8 (local.get $out) (f64.add (local.get $lo) (f64.mul (local.get $span) (f64.convert_i32_u (local.get $t)))))
        ;; s2 from s2 and s1; pixel 2
        (local.set $t (i32.xor (local.tee $t (i32.xor (local.get $s2) (i32.shl (local.get $s2) (i32.const 11)))) (i32.shr_u (local.get $t) (i32.const 8))))
        (local.set $t (local.tee $s2 (i32.xor (i32.xor (local.get $s1) (i32.shr_u (local.get $s1) (i32.const 19))) (local.get $t))))
        (f64.store offset=16 (local.get $out) (f64.add (local.get $lo) (f64.mul (local.get $span) (f64.convert_i32_u (local.get $t)))))
        ;; s3 from s3 and s2; pixel 3
        (local.set $t (i32.xor (local.tee $t (i32.xor (local.get $s3) (i32.shl (local.get $s3) (i32.const 11)))) (i32.shr_u (local.get $t) (i32.const 8))))
        (local.set $t (local.tee $s3 (i32.xor (i32.xor (local.get $s2) (i32.shr_u (local.get $s2) (i32.const 19))) (local.get $t))))
        (f64.store offset=24 (local.get $out) (f64.add (local.get $lo) (f64.mul (local.get $span) (f64.convert_i32_u (local.get $t)))))
        (local.set $out (i32.add (local.get $out) (i32.const 32)))
        (br $fourSteps)))
    ;; the remaining n % 4 pixels, one step per iteration with the state rotated after it
    (block $oneDone
      (loop $oneStep
        (br_if $oneDone (i32.ge_u (local.get $out) (local.get $end)))
        (local.set $t (i32.xor (local.tee $t (i32.xor (local.get $s0) (i32.shl (local.get $s0) (i32.const 11)))) (i32.shr_u (local.get $t) (i32.const 8))))
        (local.set $t (local.tee $s0 (i32.xor (i32.xor (local.get $s3) (i32.shr_u (local.get $s3) (i32.const 19))) (local.get $t))))
        (f64.store offset=0 (local.get $out) (f64.add (local.get $lo) (f64.mul (local.get $span) (f64.convert_i32_u (local.get $t)))))
        ;; (s0, s1, s2, s3) = (s1, s2, s3, s0): push s1 s2 s3, move s0 to s3, pop into s2 s1 s0
        local.get $s1
        local.get $s2
        local.get $s3
        (local.set $s3 (local.get $s0))
        local.set $s2
        local.set $s1
        local.set $s0
        (local.set $out (i32.add (local.get $out) (i32.const 8)))
        (br $oneStep)))
    (i32.store offset=0 (local.get $state) (local.get $s0))
    (i32.store offset=4 (local.get $state) (local.get $s1))
    (i32.store offset=8 (local.get $state) (local.get $s2))
    (i32.store offset=12 (local.get $state) (local.get $s3)))

  ;; conv: valid 5x5 convolution of a 28x28 input ($in) into rows 0 .. $rows-1 of a 24x24 output
  ;; ($out), four adjacent outputs (two f64x2, A and B) per step. Same order as the scalar
  ;; `convolve`: per kernel row u, r_u = ((((k0 x0 + k1 x1) + k2 x2) + k3 x3) + k4 x4), and
  ;; out = ((((0 + r_0) + r_1) + r_2) + r_3) + r_4. The 25 weights are read pre-splatted from $k
  ;; (kernelSplat: 16 bytes each), one kernel row per iteration of the inner loop, shared by A and
  ;; B: a body holding all 25 weights or pixels spills most of them (measured ~30% slower).
  ;; Returns max(0, max |out|) over the rows (per-input scaling's factor), folded in to save a
  ;; second pass: m = pmax(m, |acc|) ignores NaN like the scalar `v > m` loop, and max is exact.
  (func $conv (export "conv")
    (param $in i32) (param $out i32) (param $k i32) (param $rows i32) (result f64)
    (local $ip i32) (local $op i32) (local $rowEnd i32) (local $end i32) (local $kp i32) (local $xp i32) (local $kEnd i32)
    (local $accA v128) (local $rowA v128) (local $m v128) (local $accB v128) (local $rowB v128) (local $kw v128)
    (local.set $m (v128.const i64x2 0 0))
    (local.set $ip (local.get $in))
    (local.set $end (i32.add (local.tee $op (local.get $out)) (i32.mul (local.get $rows) (i32.const 192))))
    (local.set $kEnd (i32.add (local.get $k) (i32.const 400)))
    ;; one output row (24 doubles = 192 bytes) per iteration
    (block $rowsDone
      (loop $outputRows
        (br_if $rowsDone (i32.ge_u (local.get $op) (local.get $end)))
        (local.set $rowEnd (i32.add (local.get $op) (i32.const 192)))
        ;; four outputs (A = op[0..1], B = op[2..3]) per iteration
        (loop $outputs
          (local.set $accB (local.tee $accA (v128.const i64x2 0 0)))
          (local.set $kp (local.get $k))
          (local.set $xp (local.get $ip))
          ;; one kernel row u per iteration: five weights kw, input row i + u at xp
          (loop $kernelRows
            (local.set $kw (v128.load offset=0 align=8 (local.get $kp)))
            (local.set $rowA (f64x2.mul (local.get $kw) (v128.load offset=0 align=8 (local.get $xp))))
            (local.set $rowB (f64x2.mul (local.get $kw) (v128.load offset=16 align=8 (local.get $xp))))
            (local.set $kw (v128.load offset=16 align=8 (local.get $kp)))
            (local.set $rowA (f64x2.add (local.get $rowA) (f64x2.mul (local.get $kw) (v128.load offset=8 align=8 (local.get $xp)))))
            (local.set $rowB (f64x2.add (local.get $rowB) (f64x2.mul (local.get $kw) (v128.load offset=24 align=8 (local.get $xp)))))
            (local.set $kw (v128.load offset=32 align=8 (local.get $kp)))
            (local.set $rowA (f64x2.add (local.get $rowA) (f64x2.mul (local.get $kw) (v128.load offset=16 align=8 (local.get $xp)))))
            (local.set $rowB (f64x2.add (local.get $rowB) (f64x2.mul (local.get $kw) (v128.load offset=32 align=8 (local.get $xp)))))
            (local.set $kw (v128.load offset=48 align=8 (local.get $kp)))
            (local.set $rowA (f64x2.add (local.get $rowA) (f64x2.mul (local.get $kw) (v128.load offset=24 align=8 (local.get $xp)))))
            (local.set $rowB (f64x2.add (local.get $rowB) (f64x2.mul (local.get $kw) (v128.load offset=40 align=8 (local.get $xp)))))
            (local.set $kw (v128.load offset=64 align=8 (local.get $kp)))
            (local.set $rowA (f64x2.add (local.get $rowA) (f64x2.mul (local.get $kw) (v128.load offset=32 align=8 (local.get $xp)))))
            (local.set $rowB (f64x2.add (local.get $rowB) (f64x2.mul (local.get $kw) (v128.load offset=48 align=8 (local.get $xp)))))
            (local.set $accA (f64x2.add (local.get $accA) (local.get $rowA)))
            (local.set $accB (f64x2.add (local.get $accB) (local.get $rowB)))
            (local.set $xp (i32.add (local.get $xp) (i32.const 224)))
            (br_if $kernelRows (i32.lt_u (local.tee $kp (i32.add (local.get $kp) (i32.const 80))) (local.get $kEnd))))
          (v128.store offset=0 align=8 (local.get $op) (local.get $accA))
          (local.set $m (f64x2.pmax (local.get $m) (f64x2.abs (local.get $accA))))
          (v128.store offset=16 align=8 (local.get $op) (local.get $accB))
          (local.set $m (f64x2.pmax (local.get $m) (f64x2.abs (local.get $accB))))
          (local.set $ip (i32.add (local.get $ip) (i32.const 32)))
          (br_if $outputs (i32.lt_u (local.tee $op (i32.add (local.get $op) (i32.const 32))) (local.get $rowEnd))))
        ;; next input row: 28 - 24 = 4 pixels (32 bytes) on
        (local.set $ip (i32.add (local.get $ip) (i32.const 32)))
        (br $outputRows)))
    (f64.max (f64x2.extract_lane 0 (local.get $m)) (f64x2.extract_lane 1 (local.get $m))))

  ;; actPool: forward.ts's activatePool for the KEPT = 116 cells: the activation + 2x2 mean of the
  ;; conv output at $conv into $pe (ReLU) and $pp (the polynomial p), with the scalar arithmetic and
  ;; order: x = s c clamped to [lo, hi] (+-inf when not clamping); ReLU = pmax(0, x) = 0 < x ? x : 0
  ;; (the scalar x > 0 ? x : 0 exactly, also for -0 and NaN); p by Horner in t = x tMul + tAdd,
  ;; coefficients q0 .. q4; the four values of a cell summed left to right from 0, times 0.25.
  ;; Two horizontally adjacent cells per step (a pooled row has 12 cells, KEPT is even): a conv row
  ;; gives [c0 c1] [c2 c3]; shuffled into [c0 c2] and [c1 c3], the two cells' sums are one f64x2
  ;; each, with no lane extraction. Returns the number of x outside [a, b], counted in i64 lanes
  ;; (a true comparison is -1, subtracted).
  (func $actPool (export "actPool")
    (param $conv i32) (param $pe i32) (param $pp i32)
    (param $s f64) (param $lo f64) (param $hi f64) (param $a f64) (param $b f64) (param $tMul f64) (param $tAdd f64)
    (param $q0 f64) (param $q1 f64) (param $q2 f64) (param $q3 f64) (param $q4 f64) (result i32)
    (local $cp i32) (local $oe i32) (local $op i32) (local $end i32) (local $rowEnd i32)
    (local $x v128) (local $t v128) (local $reluA v128) (local $polyA v128) (local $sumRelu v128) (local $sumPoly v128)
    (local $S v128) (local $LO v128) (local $HI v128) (local $A v128) (local $B v128) (local $TM v128) (local $TA v128)
    (local $Q0 v128) (local $Q1 v128) (local $Q2 v128) (local $Q3 v128) (local $Q4 v128)
    (local $zero v128) (local $count v128) (local $reluB v128) (local $polyB v128)
    (local.set $S (f64x2.splat (local.get $s)))
    (local.set $LO (f64x2.splat (local.get $lo)))
    (local.set $HI (f64x2.splat (local.get $hi)))
    (local.set $A (f64x2.splat (local.get $a)))
    (local.set $B (f64x2.splat (local.get $b)))
    (local.set $TM (f64x2.splat (local.get $tMul)))
    (local.set $TA (f64x2.splat (local.get $tAdd)))
    (local.set $Q0 (f64x2.splat (local.get $q0)))
    (local.set $Q1 (f64x2.splat (local.get $q1)))
    (local.set $Q2 (f64x2.splat (local.get $q2)))
    (local.set $Q3 (f64x2.splat (local.get $q3)))
    (local.set $Q4 (f64x2.splat (local.get $q4)))
    (local.set $count (local.tee $zero (v128.const i64x2 0 0)))
    (local.set $cp (local.get $conv))
    (local.set $end (i32.add (local.tee $oe (local.get $pe)) (i32.const 928)))
    (local.set $op (local.get $pp))
    ;; one pooled row (12 cells = 96 bytes, the last one cut at KEPT) per iteration
    (block $cellsDone
      (loop $pooledRows
        (br_if $cellsDone (i32.ge_u (local.get $oe) (local.get $end)))
        ;; rowEnd = min(oe + 96, end)
        (local.set $rowEnd
          (select (local.tee $rowEnd (i32.add (local.get $oe) (i32.const 96))) (local.get $end)
            (i32.lt_u (local.get $rowEnd) (local.get $end))))
        ;; two cells per iteration: conv rows 2r (at cp) and 2r + 1 (at cp + 192), four values each
        (loop $cellPairs
          ;; conv row 2r, values c0 c1 -> reluA, polyA
          (local.set $x (f64x2.pmin (f64x2.pmax (f64x2.mul (v128.load offset=0 align=8 (local.get $cp)) (local.get $S)) (local.get $LO)) (local.get $HI)))
          (local.set $count (i64x2.sub (local.get $count) (v128.or (f64x2.lt (local.get $x) (local.get $A)) (f64x2.gt (local.get $x) (local.get $B)))))
          (local.set $reluA (f64x2.pmax (local.get $zero) (local.get $x)))
          (local.set $t (f64x2.add (f64x2.mul (local.get $x) (local.get $TM)) (local.get $TA)))
          (local.set $polyA
            (f64x2.add (f64x2.mul (f64x2.add (f64x2.mul (f64x2.add (f64x2.mul (f64x2.add (f64x2.mul
              (local.get $Q4) (local.get $t)) (local.get $Q3)) (local.get $t)) (local.get $Q2)) (local.get $t)) (local.get $Q1)) (local.get $t)) (local.get $Q0)))
          ;; conv row 2r, values c2 c3 -> reluB, polyB
          (local.set $x (f64x2.pmin (f64x2.pmax (f64x2.mul (v128.load offset=16 align=8 (local.get $cp)) (local.get $S)) (local.get $LO)) (local.get $HI)))
          (local.set $count (i64x2.sub (local.get $count) (v128.or (f64x2.lt (local.get $x) (local.get $A)) (f64x2.gt (local.get $x) (local.get $B)))))
          (local.set $reluB (f64x2.pmax (local.get $zero) (local.get $x)))
          (local.set $t (f64x2.add (f64x2.mul (local.get $x) (local.get $TM)) (local.get $TA)))
          (local.set $polyB
            (f64x2.add (f64x2.mul (f64x2.add (f64x2.mul (f64x2.add (f64x2.mul (f64x2.add (f64x2.mul
              (local.get $Q4) (local.get $t)) (local.get $Q3)) (local.get $t)) (local.get $Q2)) (local.get $t)) (local.get $Q1)) (local.get $t)) (local.get $Q0)))
          ;; sum = (0 + [c0 c2]) + [c1 c3]
          (local.set $sumRelu
            (f64x2.add
              (f64x2.add (local.get $zero) (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $reluA) (local.get $reluB)))
              (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $reluA) (local.get $reluB))))
          (local.set $sumPoly
            (f64x2.add
              (f64x2.add (local.get $zero) (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $polyA) (local.get $polyB)))
              (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $polyA) (local.get $polyB))))
          ;; conv row 2r + 1, values c0 c1
          (local.set $x (f64x2.pmin (f64x2.pmax (f64x2.mul (v128.load offset=192 align=8 (local.get $cp)) (local.get $S)) (local.get $LO)) (local.get $HI)))
          (local.set $count (i64x2.sub (local.get $count) (v128.or (f64x2.lt (local.get $x) (local.get $A)) (f64x2.gt (local.get $x) (local.get $B)))))
          (local.set $reluA (f64x2.pmax (local.get $zero) (local.get $x)))
          (local.set $t (f64x2.add (f64x2.mul (local.get $x) (local.get $TM)) (local.get $TA)))
          (local.set $polyA
            (f64x2.add (f64x2.mul (f64x2.add (f64x2.mul (f64x2.add (f64x2.mul (f64x2.add (f64x2.mul
              (local.get $Q4) (local.get $t)) (local.get $Q3)) (local.get $t)) (local.get $Q2)) (local.get $t)) (local.get $Q1)) (local.get $t)) (local.get $Q0)))
          ;; conv row 2r + 1, values c2 c3
          (local.set $x (f64x2.pmin (f64x2.pmax (f64x2.mul (v128.load offset=208 align=8 (local.get $cp)) (local.get $S)) (local.get $LO)) (local.get $HI)))
          (local.set $count (i64x2.sub (local.get $count) (v128.or (f64x2.lt (local.get $x) (local.get $A)) (f64x2.gt (local.get $x) (local.get $B)))))
          (local.set $reluB (f64x2.pmax (local.get $zero) (local.get $x)))
          (local.set $t (f64x2.add (f64x2.mul (local.get $x) (local.get $TM)) (local.get $TA)))
          (local.set $polyB
            (f64x2.add (f64x2.mul (f64x2.add (f64x2.mul (f64x2.add (f64x2.mul (f64x2.add (f64x2.mul
              (local.get $Q4) (local.get $t)) (local.get $Q3)) (local.get $t)) (local.get $Q2)) (local.get $t)) (local.get $Q1)) (local.get $t)) (local.get $Q0)))
          ;; sum = (sum + [c0 c2]) + [c1 c3]
          (local.set $sumRelu
            (f64x2.add
              (f64x2.add (local.get $sumRelu) (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $reluA) (local.get $reluB)))
              (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $reluA) (local.get $reluB))))
          (local.set $sumPoly
            (f64x2.add
              (f64x2.add (local.get $sumPoly) (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $polyA) (local.get $polyB)))
              (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $polyA) (local.get $polyB))))
          (v128.store align=8 (local.get $oe) (f64x2.mul (local.get $sumRelu) (v128.const f64x2 0.25 0.25)))
          (v128.store align=8 (local.get $op) (f64x2.mul (local.get $sumPoly) (v128.const f64x2 0.25 0.25)))
          (local.set $cp (i32.add (local.get $cp) (i32.const 32)))
          (local.set $op (i32.add (local.get $op) (i32.const 16)))
          (br_if $cellPairs (i32.lt_u (local.tee $oe (i32.add (local.get $oe) (i32.const 16))) (local.get $rowEnd))))
        ;; next pooled row: conv two rows on (cp moved 24 doubles along the row, 24 more = 192 bytes)
        (local.set $cp (i32.add (local.get $cp) (i32.const 192)))
        (br $pooledRows)))
    (i32.wrap_i64 (i64.add (i64x2.extract_lane 0 (local.get $count)) (i64x2.extract_lane 1 (local.get $count)))))

  ;; dense1: out = scale W x for W = HIDDEN x KEPT (116 x 116), two row pairs x four columns per step.
  ;; Layout: W pair-interleaved, W2[(p n + j) 2 + l] = W[(2p + l) n + j], so one 16-byte load gives
  ;; rows 2p and 2p+1 at column j (interleaveRows in simd.ts); x columns contiguous (x[c n + j]);
  ;; out[c rows + i]. $pairs = 58, $cols a multiple of 4; the shape is baked in. Each
  ;; loaded x value feeds both pairs; each x column has its own pointer: V8 hoists the base + offset
  ;; of a load64_splat with an immediate offset out of the loop into a register each, and a generic
  ;; kernel's address arithmetic, spill reloads and such hoisted bases cost as many instructions as
  ;; the multiply-adds. Not unrolled: unrolled 2 or 4 times, TurboFan schedules all the loads first
  ;; and spills (measured slower). Runs at ~5.5 cycles per 16 f64x2 operations, the FP ports' bound.
  ;; Per output the accumulation order is the scalar one.
  (func $dense1 (export "dense1")
    (param $w i32) (param $x i32) (param $out i32) (param $pairs i32) (param $cols i32) (param $scale f64)
    (local $c i32) (local $p i32) (local $wRow i32) (local $wp i32)
    (local $x0 i32) (local $x1 i32) (local $x2 i32) (local $x3 i32) (local $xEnd i32)
    (local $xCol i32) (local $outCol i32) (local $o i32)
    (local $acc0 v128) (local $acc1 v128) (local $acc2 v128) (local $acc3 v128)
    (local $acc4 v128) (local $acc5 v128) (local $acc6 v128) (local $acc7 v128)
    (local $wv0 v128) (local $wv1 v128) (local $xs v128) (local $sc v128)
    (local.set $sc (f64x2.splat (local.get $scale)))
    (local.set $xCol (local.get $x))
    (local.set $outCol (local.get $out))
    (local.set $c (i32.const 0))
    ;; columns c .. c+3 of x (4 x 116 doubles = 3712 bytes) per iteration
    (block $columnsDone
      (loop $columns
        (br_if $columnsDone (i32.ge_u (local.get $c) (local.get $cols)))
        (local.set $wRow (local.get $w))
        (local.set $o (local.get $outCol))
        (local.set $p (i32.const 0))
        ;; row pairs p and p + 1 (rows 2p .. 2p+3: 4 x 116 doubles of W = 3712 bytes) per iteration
        (block $pairsDone
          (loop $rowPairs
            (br_if $pairsDone (i32.ge_u (local.get $p) (local.get $pairs)))
            (local.set $acc7 (local.tee $acc6 (local.tee $acc5 (local.tee $acc4
              (local.tee $acc3 (local.tee $acc2 (local.tee $acc1 (local.tee $acc0 (v128.const i64x2 0 0)))))))))
            (local.set $wp (local.get $wRow))
            (local.set $x0 (i32.add (local.get $xCol) (i32.const 0)))
            (local.set $x1 (i32.add (local.get $xCol) (i32.const 928)))
            (local.set $x2 (i32.add (local.get $xCol) (i32.const 1856)))
            (local.set $x3 (i32.add (local.get $xCol) (i32.const 2784)))
            (local.set $xEnd (local.get $x1))
            ;; j = 0 .. 115: acc_k += [W(2p, j) W(2p+1, j)] x(c+k, j), acc_k+4 += [W(2p+2, j) W(2p+3, j)] x(c+k, j)
            (loop $dot
              (local.set $wv0 (v128.load offset=0 align=8 (local.get $wp)))
              (local.set $wv1 (v128.load offset=1856 align=8 (local.get $wp)))
              (local.set $xs (v128.load64_splat (local.get $x0)))
              (local.set $acc0 (f64x2.add (local.get $acc0) (f64x2.mul (local.get $wv0) (local.get $xs))))
              (local.set $acc4 (f64x2.add (local.get $acc4) (f64x2.mul (local.get $wv1) (local.get $xs))))
              (local.set $xs (v128.load64_splat (local.get $x1)))
              (local.set $acc1 (f64x2.add (local.get $acc1) (f64x2.mul (local.get $wv0) (local.get $xs))))
              (local.set $acc5 (f64x2.add (local.get $acc5) (f64x2.mul (local.get $wv1) (local.get $xs))))
              (local.set $xs (v128.load64_splat (local.get $x2)))
              (local.set $acc2 (f64x2.add (local.get $acc2) (f64x2.mul (local.get $wv0) (local.get $xs))))
              (local.set $acc6 (f64x2.add (local.get $acc6) (f64x2.mul (local.get $wv1) (local.get $xs))))
              (local.set $xs (v128.load64_splat (local.get $x3)))
              (local.set $acc3 (f64x2.add (local.get $acc3) (f64x2.mul (local.get $wv0) (local.get $xs))))
              (local.set $acc7 (f64x2.add (local.get $acc7) (f64x2.mul (local.get $wv1) (local.get $xs))))
              (local.set $wp (i32.add (local.get $wp) (i32.const 16)))
              (local.set $x0 (i32.add (local.get $x0) (i32.const 8)))
              (local.set $x1 (i32.add (local.get $x1) (i32.const 8)))
              (local.set $x2 (i32.add (local.get $x2) (i32.const 8)))
              (local.set $x3 (i32.add (local.get $x3) (i32.const 8)))
              (br_if $dot (i32.lt_u (local.get $x0) (local.get $xEnd))))
            ;; out(2p .. 2p+3, c + k) = scale acc; columns of out are 116 doubles = 928 bytes apart
            (v128.store offset=0 align=8 (local.get $o) (f64x2.mul (local.get $acc0) (local.get $sc)))
            (v128.store offset=16 align=8 (local.get $o) (f64x2.mul (local.get $acc4) (local.get $sc)))
            (v128.store offset=928 align=8 (local.get $o) (f64x2.mul (local.get $acc1) (local.get $sc)))
            (v128.store offset=944 align=8 (local.get $o) (f64x2.mul (local.get $acc5) (local.get $sc)))
            (v128.store offset=1856 align=8 (local.get $o) (f64x2.mul (local.get $acc2) (local.get $sc)))
            (v128.store offset=1872 align=8 (local.get $o) (f64x2.mul (local.get $acc6) (local.get $sc)))
            (v128.store offset=2784 align=8 (local.get $o) (f64x2.mul (local.get $acc3) (local.get $sc)))
            (v128.store offset=2800 align=8 (local.get $o) (f64x2.mul (local.get $acc7) (local.get $sc)))
            (local.set $wRow (i32.add (local.get $wRow) (i32.const 3712)))
            (local.set $o (i32.add (local.get $o) (i32.const 32)))
            (local.set $p (i32.add (local.get $p) (i32.const 2)))
            (br $rowPairs)))
        (local.set $xCol (i32.add (local.get $xCol) (i32.const 3712)))
        (local.set $outCol (i32.add (local.get $outCol) (i32.const 3712)))
        (local.set $c (i32.add (local.get $c) (i32.const 4)))
        (br $columns))))

  ;; actHidden: forward.ts's activateHidden on $count column pairs at $h (each pair: HIDDEN = 116
  ;; exact values, then 116 polynomial ones), in place: ReLU as pmax(0, u) = 0 < u ? u : 0 (the
  ;; scalar u > 0 ? u : 0 exactly, also for -0 and NaN); p by the same Horner steps as actPool.
  ;; Returns the count of polynomial inputs outside [a, b] (i64 lanes, a true comparison is -1).
  (func $actHidden (export "actHidden")
    (param $h i32) (param $count i32) (param $a f64) (param $b f64) (param $tMul f64) (param $tAdd f64)
    (param $q0 f64) (param $q1 f64) (param $q2 f64) (param $q3 f64) (param $q4 f64) (result i32)
    (local $p i32) (local $end i32) (local $colEnd i32)
    (local $x v128) (local $t v128) (local $A v128) (local $B v128) (local $TM v128) (local $TA v128)
    (local $Q0 v128) (local $Q1 v128) (local $Q2 v128) (local $Q3 v128) (local $Q4 v128) (local $zero v128) (local $outside v128)
    (local.set $A (f64x2.splat (local.get $a)))
    (local.set $B (f64x2.splat (local.get $b)))
    (local.set $TM (f64x2.splat (local.get $tMul)))
    (local.set $TA (f64x2.splat (local.get $tAdd)))
    (local.set $Q0 (f64x2.splat (local.get $q0)))
    (local.set $Q1 (f64x2.splat (local.get $q1)))
    (local.set $Q2 (f64x2.splat (local.get $q2)))
    (local.set $Q3 (f64x2.splat (local.get $q3)))
    (local.set $Q4 (f64x2.splat (local.get $q4)))
    (local.set $outside (local.tee $zero (v128.const i64x2 0 0)))
    (local.set $end (i32.add (local.tee $p (local.get $h)) (i32.mul (local.get $count) (i32.const 1856))))
    ;; one column pair (2 x 116 doubles = 1856 bytes) per iteration
    (block $done
      (loop $columnPairs
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $colEnd (i32.add (local.get $p) (i32.const 928)))
        ;; exact column, two values per iteration: ReLU
        (loop $exact
          (v128.store align=8 (local.get $p) (f64x2.pmax (local.get $zero) (v128.load align=8 (local.get $p))))
          (br_if $exact (i32.lt_u (local.tee $p (i32.add (local.get $p) (i32.const 16))) (local.get $colEnd))))
        (local.set $colEnd (i32.add (local.get $p) (i32.const 928)))
        ;; polynomial column, two values per iteration: count x outside [a, b], then p(x)
        (loop $polynomial
          (local.set $x (v128.load align=8 (local.get $p)))
          (local.set $outside (i64x2.sub (local.get $outside) (v128.or (f64x2.lt (local.get $x) (local.get $A)) (f64x2.gt (local.get $x) (local.get $B)))))
          (local.set $t (f64x2.add (f64x2.mul (local.get $x) (local.get $TM)) (local.get $TA)))
          (v128.store align=8 (local.get $p)
            (f64x2.add (f64x2.mul (f64x2.add (f64x2.mul (f64x2.add (f64x2.mul (f64x2.add (f64x2.mul
              (local.get $Q4) (local.get $t)) (local.get $Q3)) (local.get $t)) (local.get $Q2)) (local.get $t)) (local.get $Q1)) (local.get $t)) (local.get $Q0)))
          (br_if $polynomial (i32.lt_u (local.tee $p (i32.add (local.get $p) (i32.const 16))) (local.get $colEnd))))
        (br $columnPairs)))
    (i32.wrap_i64 (i64.add (i64x2.extract_lane 0 (local.get $outside)) (i64x2.extract_lane 1 (local.get $outside)))))

  ;; dense2: out = scale W x for W = OUTPUTS x HIDDEN (10 x 116), one row pair x four columns per step.
  ;; Layout and design as dense1 ($pairs = 5; $cols a multiple of 4). Same accumulation order per
  ;; output as forward.ts's `dense`.
  (func $dense2 (export "dense2")
    (param $w i32) (param $x i32) (param $out i32) (param $pairs i32) (param $cols i32) (param $scale f64)
    (local $c i32) (local $p i32) (local $wRow i32) (local $wp i32)
    (local $x0 i32) (local $x1 i32) (local $x2 i32) (local $x3 i32) (local $xEnd i32)
    (local $xCol i32) (local $outCol i32) (local $o i32)
    (local $acc0 v128) (local $acc1 v128) (local $acc2 v128) (local $acc3 v128)
    (local $wv0 v128) (local $xs v128) (local $sc v128)
    (local.set $sc (f64x2.splat (local.get $scale)))
    (local.set $xCol (local.get $x))
    (local.set $outCol (local.get $out))
    (local.set $c (i32.const 0))
    ;; columns c, c+1, c+2, c+3 of x (4 x 116 doubles = 3712 bytes) per iteration
    (block $columnsDone
      (loop $columns
        (br_if $columnsDone (i32.ge_u (local.get $c) (local.get $cols)))
        (local.set $wRow (local.get $w))
        (local.set $o (local.get $outCol))
        (local.set $p (i32.const 0))
        ;; row pairs p (rows 2p, 2p+1: 2 x 116 doubles of W = 1856 bytes) per iteration
        (block $pairsDone
          (loop $rowPairs
            (br_if $pairsDone (i32.ge_u (local.get $p) (local.get $pairs)))
            (local.set $acc3 (local.tee $acc2 (local.tee $acc1 (local.tee $acc0 (v128.const i64x2 0 0)))))
            (local.set $wp (local.get $wRow))
            (local.set $x0 (i32.add (local.get $xCol) (i32.const 0)))
            (local.set $x1 (i32.add (local.get $xCol) (i32.const 928)))
            (local.set $x2 (i32.add (local.get $xCol) (i32.const 1856)))
            (local.set $x3 (i32.add (local.get $xCol) (i32.const 2784)))
            (local.set $xEnd (local.get $x1))
            ;; j = 0 .. 115: acc_k += [W(2p, j) W(2p+1, j)] x(c+k, j)
            (loop $dot
              (local.set $wv0 (v128.load align=8 (local.get $wp)))
              (local.set $xs (v128.load64_splat (local.get $x0)))
              (local.set $acc0 (f64x2.add (local.get $acc0) (f64x2.mul (local.get $wv0) (local.get $xs))))
              (local.set $xs (v128.load64_splat (local.get $x1)))
              (local.set $acc1 (f64x2.add (local.get $acc1) (f64x2.mul (local.get $wv0) (local.get $xs))))
              (local.set $xs (v128.load64_splat (local.get $x2)))
              (local.set $acc2 (f64x2.add (local.get $acc2) (f64x2.mul (local.get $wv0) (local.get $xs))))
              (local.set $xs (v128.load64_splat (local.get $x3)))
              (local.set $acc3 (f64x2.add (local.get $acc3) (f64x2.mul (local.get $wv0) (local.get $xs))))
              (local.set $wp (i32.add (local.get $wp) (i32.const 16)))
              (local.set $x0 (i32.add (local.get $x0) (i32.const 8)))
              (local.set $x1 (i32.add (local.get $x1) (i32.const 8)))
              (local.set $x2 (i32.add (local.get $x2) (i32.const 8)))
              (local.set $x3 (i32.add (local.get $x3) (i32.const 8)))
              (br_if $dot (i32.lt_u (local.get $x0) (local.get $xEnd))))
            ;; out(2p .. 2p+1, c + k) = scale acc_k; columns of out are 10 doubles = 80 bytes apart
            (v128.store offset=0 align=8 (local.get $o) (f64x2.mul (local.get $acc0) (local.get $sc)))
            (v128.store offset=80 align=8 (local.get $o) (f64x2.mul (local.get $acc1) (local.get $sc)))
            (v128.store offset=160 align=8 (local.get $o) (f64x2.mul (local.get $acc2) (local.get $sc)))
            (v128.store offset=240 align=8 (local.get $o) (f64x2.mul (local.get $acc3) (local.get $sc)))
            (local.set $wRow (i32.add (local.get $wRow) (i32.const 1856)))
            (local.set $o (i32.add (local.get $o) (i32.const 16)))
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (br $rowPairs)))
        (local.set $xCol (i32.add (local.get $xCol) (i32.const 3712)))
        (local.set $outCol (i32.add (local.get $outCol) (i32.const 320)))
        (local.set $c (i32.add (local.get $c) (i32.const 4)))
        (br $columns))))
)
