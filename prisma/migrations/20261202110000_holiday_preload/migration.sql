-- When the org's holiday list was first filled from the Korean public holidays: set once, so removing every
-- holiday by hand is not undone by the next visit to the settings.
ALTER TABLE "AlimtalkSettings" ADD COLUMN "holidaysPreloadedAt" TIMESTAMPTZ(3);
