package report

import (
	"io"

	"github.com/hybridcheck/hybridcheck/internal/result"
	"github.com/hybridcheck/hybridcheck/internal/version"
)

// OCSF is the Open Cybersecurity Schema Framework's Compliance Finding (class 2003, category
// Findings), schema version OCSFVersion: a JSON array with one event per failing, unknown,
// erroring or waived result, for security data lakes (Amazon Security Lake, SIEMs) that
// ingest OCSF. finding_info.uid is the same stable ID as the ASFF Id.
// Class reference: https://schema.ocsf.io/1.3.0/classes/compliance_finding
type OCSF struct{}

// OCSFVersion is the OCSF schema version the events follow.
const OCSFVersion = "1.3.0"

const (
	ocsfClassUID    = 2003
	ocsfCategoryUID = 2
	ocsfActivityID  = 1 // Create: each run states its findings afresh
)

type ocsfEvent struct {
	ActivityID   int              `json:"activity_id"`
	ActivityName string           `json:"activity_name"`
	CategoryUID  int              `json:"category_uid"`
	CategoryName string           `json:"category_name"`
	ClassUID     int              `json:"class_uid"`
	ClassName    string           `json:"class_name"`
	TypeUID      int              `json:"type_uid"`
	TypeName     string           `json:"type_name"`
	SeverityID   int              `json:"severity_id"`
	Severity     string           `json:"severity"`
	StatusID     int              `json:"status_id"`
	Status       string           `json:"status"`
	Time         int64            `json:"time"`
	Message      string           `json:"message"`
	Metadata     ocsfMetadata     `json:"metadata"`
	Cloud        *ocsfCloud       `json:"cloud,omitempty"`
	FindingInfo  ocsfFindingInfo  `json:"finding_info"`
	Compliance   ocsfCompliance   `json:"compliance"`
	Remediation  *ocsfRemediation `json:"remediation,omitempty"`
	Resources    []ocsfResource   `json:"resources"`
	Unmapped     map[string]any   `json:"unmapped,omitempty"`
}

type ocsfMetadata struct {
	Version  string      `json:"version"`
	Product  ocsfProduct `json:"product"`
	Profiles []string    `json:"profiles,omitempty"`
}

type ocsfProduct struct {
	Name       string `json:"name"`
	VendorName string `json:"vendor_name"`
	Version    string `json:"version"`
	URL        string `json:"url_string"`
}

type ocsfCloud struct {
	Provider string       `json:"provider"`
	Region   string       `json:"region"`
	Account  *ocsfAccount `json:"account,omitempty"`
}

type ocsfAccount struct {
	UID    string `json:"uid"`
	TypeID int    `json:"type_id"`
	Type   string `json:"type"`
}

type ocsfFindingInfo struct {
	UID         string   `json:"uid"`
	Title       string   `json:"title"`
	Desc        string   `json:"desc"`
	Types       []string `json:"types,omitempty"`
	CreatedTime int64    `json:"created_time"`
}

type ocsfCompliance struct {
	Standards    []string `json:"standards"`
	Control      string   `json:"control"`
	StatusID     int      `json:"status_id"`
	Status       string   `json:"status"`
	StatusDetail string   `json:"status_detail"`
}

type ocsfRemediation struct {
	Desc       string   `json:"desc"`
	References []string `json:"references,omitempty"`
}

type ocsfResource struct {
	UID            string `json:"uid"`
	Name           string `json:"name"`
	Type           string `json:"type"`
	Region         string `json:"region,omitempty"`
	CloudPartition string `json:"cloud_partition,omitempty"`
}

// ocsfStandard names what the checks enforce.
const ocsfStandard = "Amazon EKS Hybrid Nodes networking requirements (hybridcheck catalog)"

// Render writes one OCSF Compliance Finding per failing, unknown or waived result, as JSON.
func (OCSF) Render(w io.Writer, r *result.Report, _ Options) error {
	at, err := findingTime(r.Snapshot.CollectedAt)
	if err != nil {
		return err
	}
	ms := at.UnixMilli()
	acct, region := r.Snapshot.AWSAccountID, r.Snapshot.AWSRegion
	partition := awsPartition(region)
	meta := ocsfMetadata{Version: OCSFVersion, Product: ocsfProduct{
		Name: "hybridcheck", VendorName: "hybridcheck", Version: version.Version, URL: "https://github.com/hybridcheck/hybridcheck",
	}}
	var cloud *ocsfCloud
	if region != "" {
		meta.Profiles = []string{"cloud"}
		cloud = &ocsfCloud{Provider: "AWS", Region: region}
		if acct != "" {
			cloud.Account = &ocsfAccount{UID: acct, TypeID: 10, Type: "AWS Account"}
		}
	}
	events := []ocsfEvent{}
	results := findingResults(r.Results)
	ids := findingIDs(orText(acct, "-"), orText(region, "-"), results)
	for i, x := range results {
		sevID, sev := ocsfSeverity(x.Severity)
		cID, cName := ocsfComplianceStatus(x.Status)
		ev := ocsfEvent{
			ActivityID: ocsfActivityID, ActivityName: "Create",
			CategoryUID: ocsfCategoryUID, CategoryName: "Findings",
			ClassUID: ocsfClassUID, ClassName: "Compliance Finding",
			TypeUID: ocsfClassUID*100 + ocsfActivityID, TypeName: "Compliance Finding: Create",
			SeverityID: sevID, Severity: sev,
			StatusID: 1, Status: "New",
			Time: ms, Message: x.Message, Metadata: meta, Cloud: cloud,
			FindingInfo: ocsfFindingInfo{
				UID: ids[i], Title: x.ID + " " + orText(x.Title, x.ID),
				Desc: orText(x.Message, x.Title), CreatedTime: ms,
			},
			Compliance: ocsfCompliance{Standards: []string{ocsfStandard}, Control: x.ID, StatusID: cID, Status: cName, StatusDetail: x.Message},
			Resources:  []ocsfResource{ocsfResourceFor(partition, region, acct, x.Resource)},
			Unmapped:   map[string]any{"hybridcheck_status": x.Status},
		}
		if x.Area != "" {
			ev.FindingInfo.Types = []string{x.Area}
		}
		if x.Remediation != "" {
			ev.Remediation = &ocsfRemediation{Desc: x.Remediation, References: x.References}
		}
		if x.Status == result.Waived {
			ev.StatusID, ev.Status = 3, "Suppressed"
			if x.Waiver != nil {
				ev.Unmapped["waiver"] = x.Waiver
			}
		}
		events = append(events, ev)
	}
	return writeJSON(w, events)
}

func ocsfResourceFor(partition, region, acct, id string) ocsfResource {
	res := ocsfResource{UID: id, Name: id, Type: "Other"}
	if region != "" && acct != "" {
		a := awsResource(partition, region, acct, id)
		res.UID, res.Type, res.Region, res.CloudPartition = a.ID, a.Type, region, partition
	}
	return res
}

// ocsfSeverity maps a check severity to OCSF severity_id and its caption.
func ocsfSeverity(sev string) (int, string) {
	switch sev {
	case "critical":
		return 5, "Critical"
	case "high":
		return 4, "High"
	case "medium":
		return 3, "Medium"
	case "low":
		return 2, "Low"
	}
	return 1, "Informational"
}

// ocsfComplianceStatus: OCSF's Warning is "did not yield a result due to missing information",
// which is what unknown (and a check that could not run) means.
func ocsfComplianceStatus(status result.Status) (int, string) {
	switch status {
	case result.Pass:
		return 1, "Pass"
	case result.Unknown, result.Error:
		return 2, "Warning"
	}
	return 3, "Fail"
}
