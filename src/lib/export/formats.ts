/** Every data format an export offers. `csv-excel` is CSV with a UTF-8 byte-order mark. */
export const EXPORT_FORMATS = ['csv', 'csv-excel', 'xlsx', 'parquet', 'json', 'arrow'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const FORMAT_INFO: Readonly<
	Record<ExportFormat, { label: string; extension: string; format: string; mediatype: string }>
> = {
	csv: { label: 'CSV', extension: 'csv', format: 'csv', mediatype: 'text/csv' },
	'csv-excel': {
		label: 'CSV for Excel (UTF-8 with BOM)',
		extension: 'csv',
		format: 'csv',
		mediatype: 'text/csv'
	},
	xlsx: {
		label: 'Excel workbook (XLSX)',
		extension: 'xlsx',
		format: 'xlsx',
		mediatype: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
	},
	parquet: {
		label: 'Parquet',
		extension: 'parquet',
		format: 'parquet',
		mediatype: 'application/vnd.apache.parquet'
	},
	json: { label: 'JSON', extension: 'json', format: 'json', mediatype: 'application/json' },
	arrow: {
		label: 'Arrow IPC',
		extension: 'arrow',
		format: 'arrow',
		mediatype: 'application/vnd.apache.arrow.file'
	}
};

/** Which figures a chart's download holds: the survey's, the usage funnel's, or both. */
export type ExportKind = 'training' | 'usage' | 'all';
