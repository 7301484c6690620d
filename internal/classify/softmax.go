package classify

import (
	"cmp"
	"math"
	"slices"
)

// softmax is a multinomial logistic regression over hashed features. With
// a few classes (acuity) the weights are a dense row per bucket, so that a
// feature costs one memory access; with many (topics) each bucket keeps
// weights only for the classes training moved, in compressed rows
// (start[b]..start[b+1] index cls and w).
type softmax struct {
	k     int
	bias  []float32
	dense []float32 // buckets×k, when k <= denseUpTo
	start []int32
	cls   []uint16
	w     []float32
}

// denseUpTo is the most classes stored densely.
const denseUpTo = 8

// prune is the smallest weight the sparse (topic) model keeps.
const prune = 0.1

// trainOpts are the knobs of stochastic gradient descent. They are fixed in
// code (they shape how the model learns, not what it says) and tested for
// speed and determinism.
type trainOpts struct {
	// epochs are the passes over the examples that are not held aside,
	// then more passes over all of them, continuing from there (see Train).
	epochs, more int
	rate         float64 // learning rate of the first epoch; it decays as 1/(1+epoch/2)
	l2           float64 // weight decay, applied to the weights a step touches
	// skip is the smallest |gradient| for which a class's weights are
	// updated. Classes the model already gives almost no probability
	// (and are not the answer) are left alone, which keeps the weights
	// sparse and training fast with hundreds of topics; 0 updates all.
	skip float64
	seed uint64
}

// trainer fits a softmax by stochastic gradient descent. While training,
// the weights are a dense matrix over the buckets the examples use
// (renumbered in order of first use), and each example is the list of its
// features' rows in that matrix: the hot loop has no map and no hashing.
// The same inputs always give the same weights: the visiting order comes
// from a fixed seed and the arithmetic is sequential.
//
// Each pass visits the examples in the order of a hash of each example's
// own features and answer, the seed and the pass, not a shuffle of their
// positions: adding, removing or moving one example leaves every other
// pair of examples in the same order, so a small content edit moves the
// weights a little rather than reshuffling every pass (H441).
type trainer struct {
	k        int
	o        trainOpts
	rows     [][]int32 // per example, the offset (row×k) of each feature's weights
	ys       []int
	w        []float32
	bias     []float64
	bucketOf []uint32 // the bucket of each row
	acc      []float32
	epoch    int
	keys     []uint64 // per example, a hash of its features and answer
}

func newTrainer(xs [][]uint32, ys []int, k int, o trainOpts) *trainer {
	t := &trainer{k: k, o: o, ys: ys, rows: make([][]int32, len(xs)), bias: make([]float64, k),
		acc: make([]float32, k), keys: make([]uint64, len(xs))}
	n := 0
	for _, x := range xs {
		n += len(x)
	}
	flat := make([]int32, n) // one allocation for every example's rows
	row := make([]int32, buckets)
	for i := range row {
		row[i] = -1
	}
	for i, x := range xs {
		key := mix64(o.seed ^ uint64(ys[i])<<32)
		for _, b := range x {
			key = mix64(key ^ uint64(b))
		}
		t.keys[i] = key
		r := flat[:len(x):len(x)]
		flat = flat[len(x):]
		for j, b := range x {
			if row[b] < 0 {
				row[b] = int32(len(t.bucketOf))
				t.bucketOf = append(t.bucketOf, b)
			}
			r[j] = row[b] * int32(k)
		}
		t.rows[i] = r
	}
	t.w = make([]float32, len(t.bucketOf)*k)
	return t
}

// scores writes bias + v·Σ weights of example i's features into p.
func (t *trainer) scores(x []int32, p []float64) {
	acc := t.acc
	clear(acc)
	k := int32(len(acc))
	w := t.w
	j := 0
	// Four rows at a time: one load and store of acc per four weights.
	for ; j+4 <= len(x); j += 4 {
		r0 := w[x[j] : x[j]+k][:len(acc)]
		r1 := w[x[j+1] : x[j+1]+k][:len(acc)]
		r2 := w[x[j+2] : x[j+2]+k][:len(acc)]
		r3 := w[x[j+3] : x[j+3]+k][:len(acc)]
		for c := range acc {
			acc[c] += (r0[c] + r1[c]) + (r2[c] + r3[c])
		}
	}
	for ; j < len(x); j++ {
		r := w[x[j] : x[j]+k][:len(acc)]
		for c := range acc {
			acc[c] += r[c]
		}
	}
	v := 0.0
	if len(x) > 0 {
		v = 1 / math.Sqrt(float64(len(x)))
	}
	p = p[:len(acc)]
	for c, a := range acc {
		p[c] = t.bias[c] + v*float64(a)
	}
}

// probs writes example i's class probabilities into p.
func (t *trainer) probs(i int, p []float64) {
	t.scores(t.rows[i], p)
	normalise(p)
}

// train makes epochs passes over the examples idx, each pass in its own
// order (see trainer), continuing the learning-rate schedule where it
// stopped.
func (t *trainer) train(idx []int, epochs int) {
	order := append([]int(nil), idx...)
	p := make([]float64, t.k)
	pass := make([]uint64, len(t.keys))
	for range epochs {
		salt := mix64(uint64(t.epoch) + 1)
		for _, i := range order {
			pass[i] = mix64(t.keys[i] ^ salt)
		}
		slices.SortFunc(order, func(a, b int) int {
			if c := cmp.Compare(pass[a], pass[b]); c != 0 {
				return c
			}
			return cmp.Compare(a, b)
		})
		lr := t.o.rate / (1 + float64(t.epoch)/2)
		decay := float32(1 - lr*t.o.l2)
		for _, i := range order {
			x := t.rows[i]
			if len(x) == 0 {
				continue
			}
			t.scores(x, p)
			normalise(p)
			v := 1 / math.Sqrt(float64(len(x)))
			y := t.ys[i]
			for c, g := range p {
				if c == y {
					g--
				}
				t.bias[c] -= lr * g
				if g < t.o.skip && g > -t.o.skip {
					continue
				}
				step := float32(lr * g * v)
				w := t.w[c:]
				for _, at := range x {
					w[at] = w[at]*decay - step
				}
			}
		}
		t.epoch++
	}
}

// model keeps the weights training moved.
func (t *trainer) model() *softmax {
	k := t.k
	m := &softmax{k: k, bias: make([]float32, k)}
	for c, b := range t.bias {
		m.bias[c] = float32(b)
	}
	if k <= denseUpTo {
		m.dense = make([]float32, buckets*k)
		for n, b := range t.bucketOf {
			copy(m.dense[int(b)*k:], t.w[n*k:n*k+k])
		}
		return m
	}
	m.start = make([]int32, buckets+1)
	// Compress: bucket by bucket in order, the classes with a weight that
	// matters. Words and grams found in every kind of message ("<my>")
	// move most classes a little; dropping weights under 0.1 keeps a
	// fifth of the entries (a third of those a message reads) and the
	// same tuning figures.
	sorted := make([]int32, buckets)
	for i := range sorted {
		sorted[i] = -1
	}
	for n, b := range t.bucketOf {
		sorted[b] = int32(n)
	}
	for b := range buckets {
		m.start[b] = int32(len(m.cls))
		n := sorted[b]
		if n < 0 {
			continue
		}
		for c, wc := range t.w[int(n)*k : int(n)*k+k] {
			if wc > prune || wc < -prune {
				m.cls = append(m.cls, uint16(c))
				m.w = append(m.w, wc)
			}
		}
	}
	m.start[buckets] = int32(len(m.cls))
	return m
}

// maxStackClasses is the most classes read without allocating.
const maxStackClasses = 1024

// probs writes the class probabilities for x into p (length k).
func (m *softmax) probs(x []uint32, p []float64) {
	var buf [maxStackClasses]float32
	var acc []float32
	if m.k <= len(buf) {
		acc = buf[:m.k]
	} else {
		acc = make([]float32, m.k)
	}
	if m.dense != nil {
		k := m.k
		for _, b := range x {
			row := m.dense[int(b)*k : int(b)*k+k][:len(acc)]
			for c := range acc {
				acc[c] += row[c]
			}
		}
	} else {
		for _, b := range x {
			lo, hi := m.start[b], m.start[b+1]
			cls, w := m.cls[lo:hi], m.w[lo:hi]
			for j, c := range cls {
				acc[c] += w[j]
			}
		}
	}
	v := 0.0
	if len(x) > 0 {
		v = 1 / math.Sqrt(float64(len(x)))
	}
	for c, b := range m.bias {
		p[c] = float64(b) + v*float64(acc[c])
	}
	normalise(p)
}

// normalise turns scores into probabilities in place. Scores more than 40
// below the best (a probability under 1e-17 of it) count as 0 without
// calling exp: after a few epochs that is most of the hundreds of topics.
func normalise(p []float64) {
	top := math.Inf(-1)
	for _, s := range p {
		top = max(top, s)
	}
	sum := 0.0
	for c, s := range p {
		if d := s - top; d > -40 {
			p[c] = expNeg(d)
		} else {
			p[c] = 0
		}
		sum += p[c]
	}
	inv := 1 / sum
	for c := range p {
		p[c] *= inv
	}
}

// expNeg is e^x for x in (-40, 0], to about 1e-8 relative error and a few
// times faster than math.Exp: x·log2(e) = n + f with |f| <= 1/2, 2^f by a
// polynomial, 2^n into the exponent. (Truncating t-1/2 rounds t without
// math.Floor, a call on amd64.)
func expNeg(x float64) float64 {
	t := x * math.Log2E
	n := int64(t - 0.5)
	// 2^f = e^y with |y| = |f|·ln 2 <= 0.35: Taylor to degree 7.
	y := (t - float64(n)) * math.Ln2
	q := 1 + y*(1+y*(1.0/2+y*(1.0/6+y*(1.0/24+y*(1.0/120+y*(1.0/720+y*(1.0/5040)))))))
	return q * math.Float64frombits(uint64(n+1023)<<52)
}

// mix64 is SplitMix64's finaliser: every input bit moves every output bit.
func mix64(z uint64) uint64 {
	z += 0x9e3779b97f4a7c15
	z = (z ^ z>>30) * 0xbf58476d1ce4e5b9
	z = (z ^ z>>27) * 0x94d049bb133111eb
	return z ^ z>>31
}
