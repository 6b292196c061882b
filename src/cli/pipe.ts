/**
 * `rulecmp facts | head`: when the reader closes the pipe, stop quietly (exit 0), no stack trace. When the reader of
 * standard error goes (`rulecmp review … 2>&1 >out.json | head -1`), the messages stop and the work goes on: the
 * output is still written.
 */
export function quietOnClosedPipe(): void {
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    process.stderr.write(`rulecmp: standard output: ${e.message}\n`);
    process.exit(1);
  });
  process.stderr.on('error', () => {
    // Nowhere left to say anything: carry on without messages.
  });
}

/**
 * End the process once standard output and standard error have taken what was written to them (with the exit code
 * set): a command that has finished need not wait while its heap is taken down — about 10 ms after a review against
 * five peers, 50 ms against 500.
 */
export function exitWhenWritten(): void {
  let left = 2;
  const done = () => {
    if (--left === 0) process.exit();
  };
  process.stdout.write('', done);
  process.stderr.write('', done);
}
