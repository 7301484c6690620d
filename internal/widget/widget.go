// Package widget serves Signpost's website chat widget: widget.js and
// widget.css, which a trust adds to any page with one script tag, and a demo
// page showing the widget on a mock trust website. The assets are embedded in
// the binary; they make no third-party requests and need no inline script or
// style, so they work under a strict Content-Security-Policy.
package widget

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"net/http"
	"time"
)

//go:embed assets
var assets embed.FS

// DemoCSP is the Content-Security-Policy of the demo page: only this origin,
// no inline code. The widget works under it unchanged.
const DemoCSP = "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; " +
	"base-uri 'none'; form-action 'self'; frame-ancestors 'self'"

// Mounter is what the widget needs from the web server: a way to add routes.
// web.Server implements it.
type Mounter interface {
	Handle(pattern string, h http.Handler)
}

// file is one embedded asset, ready to serve.
type file struct {
	name, contentType, etag string
	body                    []byte
	// crossOrigin assets are loaded by other sites' pages.
	crossOrigin bool
	page        bool
}

// Handler serves the widget assets and the demo page.
type Handler struct {
	files map[string]*file // by URL path
}

// New loads the embedded assets.
func New() (*Handler, error) {
	h := &Handler{files: map[string]*file{}}
	for _, f := range []struct {
		path, name, ct string
		cross, page    bool
	}{
		{"/widget.js", "widget.js", "text/javascript; charset=utf-8", true, false},
		{"/widget.css", "widget.css", "text/css; charset=utf-8", true, false},
		{"/demo.css", "demo.css", "text/css; charset=utf-8", false, false},
		{"/favicon.svg", "favicon.svg", "image/svg+xml", false, false},
		{"/", "demo.html", "text/html; charset=utf-8", false, true},
	} {
		b, err := fs.ReadFile(assets, "assets/"+f.name)
		if err != nil {
			return nil, fmt.Errorf("widget: %w", err)
		}
		sum := sha256.Sum256(b)
		h.files[f.path] = &file{name: f.name, contentType: f.ct, body: b, crossOrigin: f.cross, page: f.page,
			etag: `"` + hex.EncodeToString(sum[:8]) + `"`}
	}
	return h, nil
}

// Mount adds the widget's routes to m.
func (h *Handler) Mount(m Mounter) {
	m.Handle("GET /{$}", h)
	m.Handle("GET /widget.js", h)
	m.Handle("GET /widget.css", h)
	m.Handle("GET /demo.css", h)
	m.Handle("GET /favicon.svg", h)
}

// Asset returns the embedded bytes of widget.js, widget.css, demo.css or
// demo.html.
func Asset(name string) ([]byte, error) { return fs.ReadFile(assets, "assets/"+name) }

// ServeHTTP serves one asset. It runs after the web server's default headers,
// so the headers set here replace them.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f, ok := h.files[r.URL.Path]
	if !ok {
		http.NotFound(w, r)
		return
	}
	hd := w.Header()
	hd.Set("Content-Type", f.contentType)
	hd.Set("ETag", f.etag)
	hd.Set("X-Content-Type-Options", "nosniff")
	if f.page {
		hd.Set("Content-Security-Policy", DemoCSP)
		hd.Set("Cache-Control", "no-cache")
	} else {
		// Short: a fix to the widget reaches every trust page within minutes;
		// the ETag keeps revalidation cheap.
		hd.Set("Cache-Control", "public, max-age=300")
	}
	if f.crossOrigin {
		hd.Set("Cross-Origin-Resource-Policy", "cross-origin")
	} else {
		hd.Set("Cross-Origin-Resource-Policy", "same-origin")
	}
	http.ServeContent(w, r, f.name, time.Time{}, bytes.NewReader(f.body))
}
