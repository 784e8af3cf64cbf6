package result

import "strings"

// Area is one group of the catalog's checks, as reports show them.
type Area struct {
	// Key is the area's name in check metadata (custom.area) and JSON.
	Key string
	// Title is the heading reports show.
	Title string
	// Families are the ID families (the part after "HN-") whose checks belong to the area.
	Families []string
}

// Areas is the one list of check areas, in catalog order.
var Areas = []Area{
	{"addressing", "Addressing", []string{"CIDR"}},
	{"aws-network", "AWS network", []string{"VPC", "SG", "NACL"}},
	{"routing", "Routing", []string{"RT"}},
	{"inter-site", "Inter-site", []string{"VGW", "TGW", "CGW", "VPN", "DX"}},
	{"on-prem", "On-prem", []string{"ONP", "FW", "EGR", "CIL", "IPS"}},
	{"cross-site", "Cross-site", []string{"X"}},
	{"end-to-end", "End-to-end paths", []string{"PATH"}},
	{"evidence", "Evidence and collection", []string{"SNAP", "PRB"}},
}

// CustomArea is the area of a check whose ID is not a built-in family and whose metadata
// names no area.
const CustomArea = "custom"

// AreaOf is the area of a check ID by its family (HN-SG-05 is aws-network).
func AreaOf(id string) string {
	parts := strings.Split(id, "-")
	if len(parts) < 2 || parts[0] != "HN" {
		return CustomArea
	}
	for _, a := range Areas {
		for _, f := range a.Families {
			if f == parts[1] {
				return a.Key
			}
		}
	}
	return CustomArea
}

// AreaTitle is the heading of an area; user checks may name areas of their own, shown as is.
func AreaTitle(area string) string {
	for _, a := range Areas {
		if a.Key == area {
			return a.Title
		}
	}
	if area == "" {
		return "Other"
	}
	return area
}

// AreaRank orders the catalog's areas first, in catalog order, then any other area after them.
func AreaRank(area string) int {
	for i, a := range Areas {
		if a.Key == area {
			return i
		}
	}
	return len(Areas)
}
