import { expect, type Page } from '@playwright/test';

/** The admin the server seeds for the e2e run (SEED_ADMIN_EMAIL / SEED_ADMIN_PASSWORD in playwright.config.ts). */
export const E2E_ADMIN = { email: 'admin@e2e.test', password: 'e2e-password-1' } as const;

/** The seeded demo org (packages/api seed). */
export const SEED_ORG_NAME = '데모 영업팀';

/** Fill in and send the login form the way a person does, by its labels. */
export async function logIn(page: Page, email: string = E2E_ADMIN.email, password: string = E2E_ADMIN.password) {
  await page.getByLabel('이메일').fill(email);
  await page.getByLabel('비밀번호').fill(password);
  await page.getByRole('button', { name: '로그인' }).click();
}

export async function expectLoginPage(page: Page) {
  await expect(page).toHaveURL(/\/login(\?|$)/);
  await expect(page.getByRole('heading', { level: 1, name: '로그인' })).toBeVisible();
}
