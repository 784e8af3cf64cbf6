package report

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/url"
	"path/filepath"
	"strings"

	"github.com/hybridcheck/hybridcheck/internal/result"
	"github.com/hybridcheck/hybridcheck/internal/version"
)

// SARIF is SARIF 2.1.0 for GitHub code scanning and other SARIF consumers: one rule per check,
// one result per failing, erroring or waived check and resource.
type SARIF struct{}

// sarifSchemaURI is the $id of the schema the golden files are validated against.
const sarifSchemaURI = "https://raw.githubusercontent.com/oasis-tcs/sarif-spec/master/Schemata/sarif-schema-2.1.0.json"

// FingerprintKey names hybridcheck's partial fingerprint; bump its version only if the inputs
// of the hash change, since code scanning matches findings across runs by it.
const FingerprintKey = "hybridcheck/v1"

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool        sarifTool         `json:"tool"`
	Invocations []sarifInvocation `json:"invocations,omitempty"`
	Results     []sarifResult     `json:"results"`
	Properties  map[string]any    `json:"properties"`
}

// sarifInvocation carries the report's notes (expired and unused waivers) as tool execution
// notifications, where code-scanning UIs show run-level warnings.
type sarifInvocation struct {
	ExecutionSuccessful        bool                `json:"executionSuccessful"`
	ToolExecutionNotifications []sarifNotification `json:"toolExecutionNotifications"`
}

type sarifNotification struct {
	Level   string    `json:"level"`
	Message sarifText `json:"message"`
}

type sarifTool struct {
	Driver sarifDriver `json:"driver"`
}

type sarifDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version"`
	InformationURI string      `json:"informationUri"`
	Rules          []sarifRule `json:"rules"`
}

type sarifRule struct {
	ID                   string            `json:"id"`
	ShortDescription     sarifText         `json:"shortDescription"`
	FullDescription      *sarifText        `json:"fullDescription,omitempty"`
	Help                 sarifMultiformat  `json:"help"`
	HelpURI              string            `json:"helpUri,omitempty"`
	DefaultConfiguration sarifRuleConfig   `json:"defaultConfiguration"`
	Properties           sarifRuleProperty `json:"properties"`
}

type sarifText struct {
	Text string `json:"text"`
}

type sarifMultiformat struct {
	Text     string `json:"text"`
	Markdown string `json:"markdown"`
}

type sarifRuleConfig struct {
	Level string `json:"level"`
}

type sarifRuleProperty struct {
	Tags []string `json:"tags"`
	// SecuritySeverity is GitHub's CVSS-like score; it is left out for info checks, which are
	// not security alerts.
	SecuritySeverity string `json:"security-severity,omitempty"`
	Severity         string `json:"severity"`
}

type sarifResult struct {
	RuleID              string             `json:"ruleId"`
	RuleIndex           int                `json:"ruleIndex"`
	Kind                string             `json:"kind"`
	Level               string             `json:"level"`
	Message             sarifText          `json:"message"`
	Locations           []sarifLocation    `json:"locations"`
	PartialFingerprints map[string]string  `json:"partialFingerprints"`
	Suppressions        []sarifSuppression `json:"suppressions,omitempty"`
	Properties          map[string]any     `json:"properties"`
}

type sarifLocation struct {
	PhysicalLocation sarifPhysical  `json:"physicalLocation"`
	LogicalLocations []sarifLogical `json:"logicalLocations,omitempty"`
}

type sarifPhysical struct {
	ArtifactLocation sarifArtifact `json:"artifactLocation"`
	Region           *sarifRegion  `json:"region,omitempty"`
}

type sarifArtifact struct {
	URI string `json:"uri"`
}

type sarifRegion struct {
	StartLine int `json:"startLine"`
}

type sarifLogical struct {
	FullyQualifiedName string `json:"fullyQualifiedName"`
	Kind               string `json:"kind"`
}

// sarifSuppression follows the 2.1.0 schema the project validates against, which names the
// field "state" (the later errata renamed it "status").
type sarifSuppression struct {
	Kind          string `json:"kind"`
	State         string `json:"state"`
	Justification string `json:"justification,omitempty"`
}

// Render writes a SARIF 2.1.0 log: one rule per check, one result per failing, unknown or
// waived result.
func (SARIF) Render(w io.Writer, r *result.Report, _ Options) error {
	rows := checkRows(r)
	ruleIndex := make(map[string]int, len(rows))
	rules := make([]sarifRule, 0, len(rows))
	for i, row := range rows {
		ruleIndex[row.Check.ID] = i
		rules = append(rules, sarifRuleFor(row.Check))
	}
	results := []sarifResult{}
	for _, x := range sortedForDisplay(r.Results) {
		if !x.IsFailing() && x.Status != result.Waived && x.Status != result.Unknown {
			continue
		}
		results = append(results, sarifResultFor(x, ruleIndex[x.ID], r.Snapshot.Path))
	}
	log := sarifLog{
		Schema:  sarifSchemaURI,
		Version: "2.1.0",
		Runs: []sarifRun{{
			Tool: sarifTool{Driver: sarifDriver{
				Name:           "hybridcheck",
				Version:        version.Version,
				InformationURI: "https://github.com/hybridcheck/hybridcheck",
				Rules:          rules,
			}},
			Invocations: sarifInvocations(r.Notes),
			Results:     results,
			Properties: map[string]any{
				"scope":    r.Scope,
				"snapshot": r.Snapshot,
				"summary":  r.Summary,
			},
		}},
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(log)
}

func sarifInvocations(notes []string) []sarifInvocation {
	if len(notes) == 0 {
		return nil
	}
	inv := sarifInvocation{ExecutionSuccessful: true}
	for _, n := range notes {
		inv.ToolExecutionNotifications = append(inv.ToolExecutionNotifications, sarifNotification{Level: "warning", Message: sarifText{Text: n}})
	}
	return []sarifInvocation{inv}
}

func sarifRuleFor(c result.Check) sarifRule {
	rule := sarifRule{
		ID:                   c.ID,
		ShortDescription:     sarifText{Text: orText(c.Title, c.ID)},
		DefaultConfiguration: sarifRuleConfig{Level: sarifLevel(c.Severity)},
		Properties: sarifRuleProperty{
			Tags:             ruleTags(c),
			SecuritySeverity: securitySeverity(c.Severity),
			Severity:         c.Severity,
		},
	}
	if c.Description != "" {
		rule.FullDescription = &sarifText{Text: c.Description}
	}
	var text, md []string
	if c.Description != "" {
		text = append(text, c.Description)
		md = append(md, EscapeMarkdown(c.Description))
	}
	if c.Remediation != "" {
		text = append(text, "Remediation: "+c.Remediation)
		md = append(md, "**Remediation:** "+EscapeMarkdown(c.Remediation))
	}
	if c.AppliesWhen != "" {
		text = append(text, "Applies when: "+c.AppliesWhen)
		md = append(md, "**Applies when:** "+EscapeMarkdown(c.AppliesWhen))
	}
	if len(c.References) > 0 {
		text = append(text, "References: "+strings.Join(c.References, ", "))
		var refs []string
		for _, ref := range c.References {
			refs = append(refs, "- "+EscapeMarkdown(ref))
		}
		md = append(md, "**References:**\n"+strings.Join(refs, "\n"))
	}
	if len(text) == 0 {
		text = append(text, rule.ShortDescription.Text)
		md = append(md, EscapeMarkdown(rule.ShortDescription.Text))
	}
	rule.Help = sarifMultiformat{Text: strings.Join(text, "\n\n"), Markdown: strings.Join(md, "\n\n")}
	for _, ref := range c.References {
		if u, err := url.Parse(ref); err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != "" {
			rule.HelpURI = ref
			break
		}
	}
	return rule
}

func ruleTags(c result.Check) []string {
	tags := []string{"hybridcheck"}
	if c.Area != "" {
		tags = append(tags, c.Area)
	}
	if securitySeverity(c.Severity) != "" {
		tags = append(tags, "security")
	}
	return tags
}

func sarifResultFor(x result.Result, ruleIndex int, snapshotPath string) sarifResult {
	res := sarifResult{
		RuleID:              x.ID,
		RuleIndex:           ruleIndex,
		Kind:                "fail",
		Level:               sarifLevel(x.Severity),
		Message:             sarifText{Text: resultMessage(x)},
		PartialFingerprints: map[string]string{FingerprintKey: Fingerprint(x.ID, x.Resource)},
		Properties: map[string]any{
			"resource": x.Resource,
			"severity": x.Severity,
			"status":   x.Status,
		},
	}
	if x.Status == result.Error || x.Status == result.Unknown {
		// The check could not decide; SARIF's "review" kind says so, and requires level none.
		res.Kind, res.Level = "review", "none"
	}
	if len(x.Evidence) > 0 {
		res.Properties["evidence"] = x.Evidence
	}
	if x.Status == result.Waived {
		sup := sarifSuppression{Kind: "external", State: "accepted"}
		if x.Waiver != nil {
			sup.Justification = x.Waiver.Justification + waiverTerms(x.Waiver)
			res.Properties["waiver"] = x.Waiver
		}
		res.Suppressions = []sarifSuppression{sup}
	}
	var logical []sarifLogical
	if x.Resource != "" {
		logical = []sarifLogical{{FullyQualifiedName: x.Resource, Kind: "resource"}}
	}
	for _, loc := range evidenceLocations(x.Evidence) {
		phys := sarifPhysical{ArtifactLocation: sarifArtifact{URI: fileURI(loc.File)}}
		if loc.Line > 0 {
			phys.Region = &sarifRegion{StartLine: loc.Line}
		}
		res.Locations = append(res.Locations, sarifLocation{PhysicalLocation: phys, LogicalLocations: logical})
	}
	if len(res.Locations) == 0 {
		path := snapshotPath
		if path == "" {
			path = "snapshot.json"
		}
		res.Locations = []sarifLocation{{PhysicalLocation: sarifPhysical{ArtifactLocation: sarifArtifact{URI: fileURI(path)}}, LogicalLocations: logical}}
	}
	return res
}

func resultMessage(x result.Result) string {
	msg := orText(x.Message, x.Title)
	if x.Resource != "" {
		return x.Resource + ": " + msg
	}
	return msg
}

// Fingerprint identifies a finding across runs by what it is about (check and resource), never
// by its message, whose wording may change between releases.
func Fingerprint(checkID, resource string) string {
	sum := sha256.Sum256([]byte(checkID + "\x00" + resource))
	return hex.EncodeToString(sum[:])
}

// fileURI turns a path into a URI reference: relative paths stay relative (code scanning
// resolves them against the repository), absolute ones become file: URIs.
func fileURI(path string) string {
	p := filepath.ToSlash(path)
	if filepath.IsAbs(path) || strings.HasPrefix(p, "/") {
		return (&url.URL{Scheme: "file", Path: p}).String()
	}
	return (&url.URL{Path: p}).String()
}

// sarifLevel maps severities onto SARIF's three levels.
func sarifLevel(severity string) string {
	switch severity {
	case "critical", "high":
		return "error"
	case "medium":
		return "warning"
	}
	return "note"
}

// securitySeverity places each severity inside GitHub's score band for it (critical >= 9.0,
// high 7.0-8.9, medium 4.0-6.9, low 0.1-3.9).
func securitySeverity(severity string) string {
	switch severity {
	case "critical":
		return "9.5"
	case "high":
		return "8.0"
	case "medium":
		return "5.5"
	case "low":
		return "3.0"
	}
	return ""
}

func orText(s, fallback string) string {
	if s == "" {
		return fallback
	}
	return s
}
