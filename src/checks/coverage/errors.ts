/** A report that cannot be read as its format; `line` is 1-based in the report file. */
export class ReportSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number
  ) {
    super(message)
    this.name = 'ReportSyntaxError'
  }
}
