// `pnpm secrets:rotate`: re-encrypts every stored NHN secret key under a new key (see rotateSecrets).
import { openCliDatabase } from './cli-database.ts';
import { ConfigError } from './config.ts';
import { loadConfigOrExit } from './load-config.ts';
import { rotateSecrets } from './secret-keys.ts';

const config = loadConfigOrExit();
const { db, close } = await openCliDatabase(config);
let code = 0;
try {
  const report = await rotateSecrets(config, db);
  console.log(`Secrets now sealed under key ${report.keyId}: ${report.rotated} re-encrypted, ${report.encrypted} plain value(s) encrypted.`);
  if (report.unreadable) {
    console.log(`${report.unreadable} stored secret(s) could not be decrypted with any key given; those orgs must enter their NHN secret key again in 설정.`);
  }
  console.log(
    config.APP_SECRET_KEY
      ? 'Restart every AlimFlow process with the new APP_SECRET_KEY; APP_SECRET_KEY_PREVIOUS can be dropped once all run it.'
      : 'Running AlimFlow processes pick up the new key file by themselves; back up DATA_DIR/secret.key.',
  );
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : `secrets:rotate: ${error instanceof Error ? error.message : String(error)}`);
  code = 1;
} finally {
  await close();
}
process.exit(code);
