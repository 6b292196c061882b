/** `rulecmp facts | head`: when the reader closes the pipe, stop quietly (exit 0), no stack trace. */
export function quietOnClosedPipe(): void {
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    process.stderr.write(`rulecmp: standard output: ${e.message}\n`);
    process.exit(1);
  });
}
