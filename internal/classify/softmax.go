package classify

import (
	"math"
	"math/rand/v2"
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

// trainOpts are the knobs of stochastic gradient descent. They are fixed in
// code (they shape how the model learns, not what it says) and tested for
// speed and determinism.
type trainOpts struct {
	epochs int
	rate   float64 // learning rate of the first epoch; it decays as 1/(1+epoch/2)
	l2     float64 // weight decay, applied to the weights a step touches
	// skip is the smallest |gradient| for which a class's weights are
	// updated. Classes the model already gives almost no probability
	// (and are not the answer) are left alone, which keeps the weights
	// sparse and training fast with hundreds of topics; 0 updates all.
	skip float64
	seed uint64
}

// trainSoftmax fits weights for examples xs (sorted distinct buckets) with
// labels ys in [0,k). The same inputs always give the same weights: the
// visiting order comes from a fixed seed and arithmetic is sequential.
// While training, the weights are a dense matrix over the buckets the
// examples use (renumbered in order of first use); the model keeps only the
// weights training moved.
func trainSoftmax(xs [][]uint32, ys []int, k int, o trainOpts) *softmax {
	row := map[uint32]int32{}
	var bucketOf []uint32
	rows := make([][]int32, len(xs))
	for i, x := range xs {
		r := make([]int32, len(x))
		for j, b := range x {
			n, ok := row[b]
			if !ok {
				n = int32(len(bucketOf))
				row[b] = n
				bucketOf = append(bucketOf, b)
			}
			r[j] = n * int32(k)
		}
		rows[i] = r
	}
	w := make([]float32, len(bucketOf)*k)
	bias := make([]float64, k)
	order := make([]int, len(xs))
	for i := range order {
		order[i] = i
	}
	rng := rand.New(rand.NewPCG(o.seed, 0x5157))
	p := make([]float64, k)
	acc := make([]float32, k)
	for ep := 0; ep < o.epochs; ep++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		lr := o.rate / (1 + float64(ep)/2)
		decay := float32(1 - lr*o.l2)
		for _, i := range order {
			x := rows[i]
			if len(x) == 0 {
				continue
			}
			v := 1 / math.Sqrt(float64(len(x)))
			// Sum the rows first and scale once: the inner loop is a
			// plain float32 add, the hot spot of training.
			clear(acc)
			for _, at := range x {
				row := w[at : at+int32(k)]
				row = row[:len(acc)]
				for c := range acc {
					acc[c] += row[c]
				}
			}
			for c := range p {
				p[c] = bias[c] + v*float64(acc[c])
			}
			normalise(p)
			y := ys[i]
			for c := 0; c < k; c++ {
				g := p[c]
				if c == y {
					g--
				}
				bias[c] -= lr * g
				if g < o.skip && g > -o.skip {
					continue
				}
				step := float32(lr * g * v)
				for _, at := range x {
					j := at + int32(c)
					w[j] = w[j]*decay - step
				}
			}
		}
	}
	m := &softmax{k: k, bias: make([]float32, k)}
	for c, b := range bias {
		m.bias[c] = float32(b)
	}
	if k <= denseUpTo {
		m.dense = make([]float32, buckets*k)
		for n, b := range bucketOf {
			copy(m.dense[int(b)*k:], w[n*k:n*k+k])
		}
		return m
	}
	m.start = make([]int32, buckets+1)
	// Compress: bucket by bucket in order, the classes with a weight that
	// matters. Dropping weights under 0.01 keeps a fifth of the topic
	// model's entries and the same held-aside results on the bundled content.
	sorted := make([]int32, buckets)
	for i := range sorted {
		sorted[i] = -1
	}
	for n, b := range bucketOf {
		sorted[b] = int32(n)
	}
	for b := range buckets {
		m.start[b] = int32(len(m.cls))
		n := sorted[b]
		if n < 0 {
			continue
		}
		for c, wc := range w[int(n)*k : int(n)*k+k] {
			if wc > 1e-2 || wc < -1e-2 {
				m.cls = append(m.cls, uint16(c))
				m.w = append(m.w, wc)
			}
		}
	}
	m.start[buckets] = int32(len(m.cls))
	return m
}

// probs writes the class probabilities for x into p (length k).
func (m *softmax) probs(x []uint32, p []float64) {
	for c, b := range m.bias {
		p[c] = float64(b)
	}
	if len(x) > 0 && m.dense != nil {
		v := 1 / math.Sqrt(float64(len(x)))
		for _, b := range x {
			for c, w := range m.dense[int(b)*m.k : int(b)*m.k+m.k] {
				p[c] += v * float64(w)
			}
		}
	} else if len(x) > 0 {
		v := 1 / math.Sqrt(float64(len(x)))
		for _, b := range x {
			for j := m.start[b]; j < m.start[b+1]; j++ {
				p[m.cls[j]] += v * float64(m.w[j])
			}
		}
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
			p[c] = math.Exp(d)
		} else {
			p[c] = 0
		}
		sum += p[c]
	}
	for c := range p {
		p[c] /= sum
	}
}
