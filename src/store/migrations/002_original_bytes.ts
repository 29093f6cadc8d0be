/** The bytes as read when they are not the stored UTF-8 text (windows-1256 pages, mojibake): Article.bytes. */
export const name = 'original-bytes';

export const sql = `ALTER TABLE documents ADD COLUMN original BLOB;`;
