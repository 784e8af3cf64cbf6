package result

import "testing"

func TestAreas(t *testing.T) {
	for id, want := range map[string]string{
		"HN-CIDR-01": "addressing", "HN-SG-05": "aws-network", "HN-RT-02": "routing", "HN-TGW-03": "inter-site",
		"HN-FW-01": "on-prem", "HN-X-01": "cross-site", "HN-PATH-01": "end-to-end", "HN-PRB-01": "evidence",
		"HN-ZZ-01": CustomArea, "ACME-SSH-01": CustomArea, "HN": CustomArea,
	} {
		if got := AreaOf(id); got != want {
			t.Errorf("AreaOf(%s) = %s, want %s", id, got, want)
		}
	}
	if AreaTitle("end-to-end") != "End-to-end paths" || AreaTitle("acme") != "acme" || AreaTitle("") != "Other" {
		t.Error("area titles")
	}
	if AreaRank("addressing") != 0 || AreaRank("evidence") != len(Areas)-1 || AreaRank("acme") != len(Areas) {
		t.Error("area ranks")
	}
}
