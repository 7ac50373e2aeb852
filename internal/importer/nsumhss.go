package importer

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"
)

// SourceNSUMHSS is the source column's value for National Directory rows.
const SourceNSUMHSS = "SAMHSA National Directory (N-SUMHSS)"

// codeSheet is the sheet of the National Directory that gives each
// service code its label for that year.
const codeSheet = "Service Code Reference"

// nsumhssRequired are the facility sheet's columns an import needs.
var nsumhssRequired = []string{"name1", "city", "state", "zip", "service_code_info"}

// ReadNSUMHSS reads SAMHSA's National Directory workbook: one sheet of
// facilities, and the Service Code Reference sheet through which, and
// only through which, the codes in service_code_info are decoded (a code
// means different things in different years). The workbook has no
// coordinates; Run places its facilities at their ZIP code's centroid.
func ReadNSUMHSS(path string, data []byte) ([]Facility, error) {
	wb, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		// The national workbook unzips to about 30 MB; the limits keep a
		// damaged or hostile file from taking the machine's memory.
		UnzipSizeLimit: 1 << 30, UnzipXMLSizeLimit: 256 << 20,
	})
	if err != nil {
		return nil, inputErrorf(path, "", "not an .xlsx workbook (%v); download the National Directory as Excel", err)
	}
	defer wb.Close()
	codes, err := readCodeSheet(path, wb)
	if err != nil {
		return nil, err
	}
	sheet := facilitySheet(wb)
	if sheet == "" {
		return nil, inputErrorf(path, "", "no sheet of facilities besides %q", codeSheet)
	}
	return readFacilitySheet(path, wb, sheet, codes)
}

// facilitySheet is the first sheet that is not the code sheet.
func facilitySheet(wb *excelize.File) string {
	for _, s := range wb.GetSheetList() {
		if !strings.EqualFold(s, codeSheet) {
			return s
		}
	}
	return ""
}

// readCodeSheet reads the code sheet's code and label columns: the first
// row naming a column "code" is its header.
func readCodeSheet(path string, wb *excelize.File) (map[string]string, error) {
	sheet := ""
	for _, s := range wb.GetSheetList() {
		if strings.EqualFold(strings.TrimSpace(s), codeSheet) {
			sheet = s
		}
	}
	if sheet == "" {
		return nil, inputErrorf(path, "", "no %q sheet: the codes in service_code_info can only be read through it; use the workbook as SAMHSA publishes it", codeSheet)
	}
	rows, err := wb.GetRows(sheet)
	if err != nil {
		return nil, inputErrorf(path, sheet, "%v", err)
	}
	for i, row := range rows {
		codeCol, labelCol := codeColumns(row)
		if codeCol < 0 {
			continue
		}
		if labelCol < 0 {
			return nil, inputErrorf(path, cell(sheet, 0, i), "the code sheet's header has no column of labels (service_name, description or label)")
		}
		codes := map[string]string{}
		for _, r := range rows[i+1:] {
			if codeCol < len(r) && labelCol < len(r) && clean(r[codeCol]) != "" {
				codes[strings.ToUpper(clean(r[codeCol]))] = clean(r[labelCol])
			}
		}
		return codes, nil
	}
	return nil, inputErrorf(path, cell(sheet, 0, 0), "no header row with a column named service_code or code")
}

// codeColumns finds the code and label columns of a code sheet's header.
func codeColumns(row []string) (code, label int) {
	code, label = -1, -1
	for i, h := range row {
		h = strings.ToLower(strings.ReplaceAll(clean(h), " ", "_"))
		switch h {
		case "service_code", "code":
			code = i
		case "service_name", "service_description", "service", "description", "label", "name":
			label = i
		}
	}
	return code, label
}

// readFacilitySheet reads the facilities; its header is the first row
// naming name1 (a title row may come before it).
func readFacilitySheet(path string, wb *excelize.File, sheet string, codes map[string]string) ([]Facility, error) {
	rows, err := wb.Rows(sheet)
	if err != nil {
		return nil, inputErrorf(path, sheet, "%v", err)
	}
	defer rows.Close()
	var col map[string]int
	var out []Facility
	for n := 0; rows.Next(); n++ {
		row, err := rows.Columns()
		if err != nil {
			return nil, inputErrorf(path, cell(sheet, 0, n), "%v", err)
		}
		if col == nil {
			if col, err = facilityHeader(path, sheet, n, row); err != nil {
				return nil, err
			}
			continue
		}
		if strings.TrimSpace(strings.Join(row, "")) == "" {
			continue
		}
		out = append(out, nsumhssFacility(cell(sheet, 0, n), row, col, codes))
	}
	if col == nil {
		return nil, inputErrorf(path, cell(sheet, 0, 0), "no header row naming the columns %s", strings.Join(nsumhssRequired, ", "))
	}
	return out, nil
}

// facilityHeader reads a header row, or gives nil for a row before the
// header; a header that lacks a needed column is an error naming it.
func facilityHeader(path, sheet string, n int, row []string) (map[string]int, error) {
	col := map[string]int{}
	for i, h := range row {
		col[strings.ToLower(clean(h))] = i
	}
	if _, ok := col["name1"]; !ok {
		return nil, nil
	}
	var lack []string
	for _, c := range nsumhssRequired {
		if _, ok := col[c]; !ok {
			lack = append(lack, c)
		}
	}
	if len(lack) > 0 {
		return nil, inputErrorf(path, cell(sheet, 0, n), "the header row has no column %s; the National Directory's facility sheet names it in its first row",
			strings.Join(lack, ", "))
	}
	return col, nil
}

func nsumhssFacility(place string, row []string, col map[string]int, codes map[string]string) Facility {
	get := func(name string) string {
		if i, ok := col[name]; ok && i < len(row) {
			return row[i]
		}
		return ""
	}
	name := joinName(get("name1"), get("name2"))
	street := joinStreet(get("street1"), get("street2"))
	zip, _ := restoreZIP(get("zip"))
	f := Facility{Place: place, Fields: map[string]string{
		"name": name, "street": street, "city": get("city"), "state": get("state"), "zip": get("zip"),
		"phone": get("phone"), "intake_phone": get("intake1"), "website": get("website"),
		"source_id": derivedKey("nsumhss", name, street, zip),
	}}
	for _, code := range strings.FieldsFunc(get("service_code_info"), func(r rune) bool { return r == '*' || r == ' ' || r == ',' }) {
		code = strings.ToUpper(code)
		if label, ok := codes[code]; ok {
			f.Labels = append(f.Labels, label)
		} else {
			f.Labels = append(f.Labels, code+" (a code the "+codeSheet+" sheet does not list)")
		}
	}
	f.SubstanceUse = substanceUse(get("type_facility"), f.Labels)
	return f
}

// cell names a cell the way a spreadsheet does: Sheet!B7.
func cell(sheet string, col, row int) string {
	name, err := excelize.CoordinatesToCellName(col+1, row+1)
	if err != nil {
		name = fmt.Sprintf("R%dC%d", row+1, col+1)
	}
	return sheet + "!" + name
}
