package classify

import "math"

// platt maps a raw probability to a calibrated one: σ(a·logit(p) + b),
// fitted on messages the model did not learn from (Platt scaling). The zero
// value is not usable; identity is a = 1, b = 0.
type platt struct{ A, B float64 }

var identity = platt{A: 1}

func logit(p float64) float64 {
	p = min(max(p, 1e-6), 1-1e-6)
	return math.Log(p / (1 - p))
}

func (c platt) apply(p float64) float64 {
	return 1 / (1 + math.Exp(-(c.A*logit(p) + c.B)))
}

// minCalibration is the fewest positive and negative held-aside messages a
// fit needs; with fewer the raw probability is used as it is.
const minCalibration = 5

// fitPlatt fits a and b by Newton's method on the log loss, with Platt's
// smoothed targets so that a small set cannot produce certainty.
func fitPlatt(scores []float64, pos []bool) platt {
	np, nn := 0, 0
	for _, y := range pos {
		if y {
			np++
		} else {
			nn++
		}
	}
	if np < minCalibration || nn < minCalibration {
		return identity
	}
	hi := (float64(np) + 1) / (float64(np) + 2)
	lo := 1 / (float64(nn) + 2)
	xs := make([]float64, len(scores))
	ts := make([]float64, len(scores))
	for i, s := range scores {
		xs[i] = logit(s)
		ts[i] = lo
		if pos[i] {
			ts[i] = hi
		}
	}
	a, b := 1.0, 0.0
	for it := 0; it < 50; it++ {
		var ga, gb, haa, hab, hbb float64
		for i, x := range xs {
			q := 1 / (1 + math.Exp(-(a*x + b)))
			d := q - ts[i]
			w := max(q*(1-q), 1e-12)
			ga += d * x
			gb += d
			haa += w * x * x
			hab += w * x
			hbb += w
		}
		haa += 1e-6
		hbb += 1e-6
		det := haa*hbb - hab*hab
		if det <= 0 {
			break
		}
		da := (hbb*ga - hab*gb) / det
		db := (haa*gb - hab*ga) / det
		a -= da
		b -= db
		if math.Abs(da) < 1e-9 && math.Abs(db) < 1e-9 {
			break
		}
	}
	if math.IsNaN(a) || math.IsNaN(b) || a <= 0 {
		// A fit that reverses the ranking means the held-aside set is too
		// small or too odd to trust.
		return identity
	}
	return platt{A: a, B: b}
}
