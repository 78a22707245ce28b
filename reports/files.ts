/** The files a conformance run writes into its report directory. */
export const REPORT_FILES = { json: 'report.json', junit: 'junit.xml' } as const;
