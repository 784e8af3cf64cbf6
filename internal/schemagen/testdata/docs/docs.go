// Package docs is ReadDocs's test input.
package docs

// Tunnel is one documented type,
// over two lines.
type Tunnel struct {
	// ID names the tunnel.
	ID string `json:"id"`
	// Local and Remote are the two ends.
	Local, Remote string
	Undocumented  int
}

type (
	// Grouped is documented inside a type block.
	Grouped struct{}
	plain   int
)
