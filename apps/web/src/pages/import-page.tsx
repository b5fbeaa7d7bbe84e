// 가져오기: a lead list from Excel (CSV or XLSX) into a partition. Upload → map columns (guessed from the headers)
// → preview with per-cell errors → choose duplicates and whether rules run → a worker job with a progress bar.
// The import id lives in the URL, so a reload comes back to the same import and its progress.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { AlertCircle, Download, Upload } from 'lucide-react';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { PageHeader } from '@/components/page-header';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Checkbox } from '@/components/ui/checkbox';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select';
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from '@/components/ui/table';
import { fileToBase64 } from '@/features/import/file';
import { downloadText } from '@/features/logs/download';
import { describeError } from '@/lib/errors';
import { formatNumber } from '@/lib/format';
import { useCurrentUser } from '@/lib/session';
import { useTRPC } from '@/lib/trpc';

const NONE = '__none__';
type Policy = 'skip' | 'update' | 'add';

export default function ImportPage() {
  const { t } = useTranslation('import');
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const importId = params.get('import');
  if (me.user.role !== 'admin') {
    return (
      <>
        <PageHeader title={t('title')} description={t('description')} />
        <p className="text-sm text-muted-foreground">{t('adminOnly')}</p>
      </>
    );
  }
  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      {importId ? <ImportSteps id={importId} onRestart={() => setParams({})} /> : <UploadStep onUploaded={(id) => setParams({ import: id })} />}
    </>
  );
}

function UploadStep({ onUploaded }: { onUploaded: (id: string) => void }) {
  const { t } = useTranslation('import');
  const { t: tc } = useTranslation();
  const trpc = useTRPC();
  const partitionId = useId();
  const fileId = useId();
  const partitions = useQuery(trpc.partitions.list.queryOptions());
  const [partition, setPartition] = useState<string | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const upload = useMutation(trpc.imports.upload.mutationOptions({ onSuccess: (r) => onUploaded(r.id) }));
  const chosen = partition ?? partitions.data?.[0]?.id ?? null;
  return (
    <Card>
      <CardHeader>
        <CardTitle>
          <h2>{t('upload.title')}</h2>
        </CardTitle>
        <CardDescription>{t('upload.description')}</CardDescription>
      </CardHeader>
      <CardContent>
        <form
          aria-label={t('upload.title')}
          className="grid gap-4 sm:max-w-md"
          onSubmit={(e) => {
            e.preventDefault();
            if (!file || !chosen) return;
            void fileToBase64(file).then((contentBase64) => upload.mutate({ partitionId: chosen, filename: file.name, contentBase64 }));
          }}
        >
          <div className="space-y-1.5">
            <Label htmlFor={partitionId}>{t('upload.partition')}</Label>
            <Select value={chosen ?? undefined} onValueChange={setPartition}>
              <SelectTrigger id={partitionId} className="w-full">
                <SelectValue />
              </SelectTrigger>
              <SelectContent>
                {(partitions.data ?? []).map((p) => (
                  <SelectItem key={p.id} value={p.id}>
                    {p.name}
                  </SelectItem>
                ))}
              </SelectContent>
            </Select>
          </div>
          <div className="space-y-1.5">
            <Label htmlFor={fileId}>{t('upload.file')}</Label>
            <Input id={fileId} type="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
            <p className="text-xs text-muted-foreground">{t('upload.fileHint')}</p>
          </div>
          {upload.error && (
            <Alert variant="destructive" role="alert">
              <AlertCircle aria-hidden="true" />
              <div>{describeError(upload.error, tc)}</div>
            </Alert>
          )}
          <div>
            <Button type="submit" disabled={!file || !chosen} pending={upload.isPending}>
              <Upload aria-hidden="true" />
              {t('upload.submit')}
            </Button>
          </div>
        </form>
      </CardContent>
    </Card>
  );
}

function ImportSteps({ id, onRestart }: { id: string; onRestart: () => void }) {
  const { t, i18n } = useTranslation('import');
  const { t: tc } = useTranslation();
  const lang = i18n.resolvedLanguage ?? 'ko';
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const state = useQuery(
    trpc.imports.get.queryOptions({ id }, { refetchInterval: (q) => (q.state.data && ['queued', 'running', 'failed'].includes(q.state.data.status) ? 1000 : false) }),
  );
  const partitions = useQuery(trpc.partitions.list.queryOptions({ includeArchived: true }));
  const [mapping, setMapping] = useState<Record<string, number> | null>(null);
  const [policy, setPolicy] = useState<Policy>('skip');
  const [runOnCreate, setRunOnCreate] = useState(false);
  const preview = useMutation(trpc.imports.preview.mutationOptions());
  const start = useMutation(trpc.imports.start.mutationOptions({ onSuccess: () => void queryClient.invalidateQueries(trpc.imports.pathFilter()) }));
  const report = useMutation({
    mutationFn: () => queryClient.fetchQuery(trpc.imports.rejectedReport.queryOptions({ id })),
    onSuccess: (r) => downloadText(r.filename, r.csv),
  });
  const data = state.data;
  const current = mapping ?? data?.mapping ?? null;
  const { mutate: runPreview } = preview;
  // Both sources keep their identity between renders (state, and react-query's structural sharing).
  useEffect(() => {
    if (data?.status === 'draft' && current && Object.keys(current).length > 0) runPreview({ id, mapping: current });
  }, [data?.status, id, current, runPreview]);

  if (state.isPending) return null;
  if (state.isError) {
    return (
      <Alert variant="destructive" role="alert">
        <AlertCircle aria-hidden="true" />
        <div>{describeError(state.error, tc)}</div>
      </Alert>
    );
  }
  const imp = state.data;
  const fields = partitions.data?.find((p) => p.id === imp.partitionId)?.fields ?? [];
  const label = (key: string) => fields.find((f) => f.key === key)?.label ?? key;

  if (imp.status !== 'draft') {
    const percent = imp.total === 0 ? 100 : Math.round((imp.processed / imp.total) * 100);
    return (
      <Card>
        <CardHeader>
          <CardTitle>
            <h2>{imp.status === 'done' ? t('progress.doneTitle') : t('progress.title')}</h2>
          </CardTitle>
          <CardDescription>{imp.filename}</CardDescription>
        </CardHeader>
        <CardContent className="space-y-4">
          <div role="progressbar" aria-label={t('progress.label')} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} className="h-3 overflow-hidden rounded-full bg-muted">
            <div className="h-full bg-primary transition-[width]" style={{ width: `${percent}%` }} />
          </div>
          <p role="status" className="text-sm">
            {t('progress.counts', {
              processed: formatNumber(imp.processed, lang),
              total: formatNumber(imp.total, lang),
              created: formatNumber(imp.created, lang),
              updated: formatNumber(imp.updated, lang),
              skipped: formatNumber(imp.skipped, lang),
              rejected: formatNumber(imp.rejectedCount, lang),
            })}
          </p>
          {imp.status === 'failed' && <p className="text-sm text-red-700">{t('progress.failed')}</p>}
          <p className="text-xs text-muted-foreground">{imp.runOnCreate ? t('options.rulesOn') : t('options.rulesOff')}</p>
          <div className="flex flex-wrap gap-2">
            {imp.status === 'done' && imp.rejectedCount > 0 && (
              <Button variant="outline" pending={report.isPending} onClick={() => report.mutate()}>
                <Download aria-hidden="true" />
                {t('progress.report', { count: imp.rejectedCount })}
              </Button>
            )}
            {imp.status === 'done' && <Button onClick={onRestart}>{t('progress.another')}</Button>}
          </div>
        </CardContent>
      </Card>
    );
  }

  const map = current ?? {};
  return (
    <div className="space-y-4">
      <Card>
        <CardHeader>
          <CardTitle>
            <h2>{t('mapping.title')}</h2>
          </CardTitle>
          <CardDescription>{t('mapping.description', { file: imp.filename, rows: formatNumber(imp.total, lang), encoding: t(`encoding.${imp.encoding as 'utf-8'}`) })}</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-3 sm:grid-cols-2">
          {fields.map((f) => (
            <div key={f.key} className="space-y-1">
              <Label>{f.label}</Label>
              <Select
                value={map[f.key] !== undefined ? String(map[f.key]) : NONE}
                onValueChange={(v) => {
                  const next = { ...map };
                  if (v === NONE) delete next[f.key];
                  else next[f.key] = Number(v);
                  setMapping(next);
                }}
              >
                <SelectTrigger aria-label={t('mapping.columnFor', { field: f.label })} className="w-full">
                  <SelectValue />
                </SelectTrigger>
                <SelectContent>
                  <SelectItem value={NONE}>{t('mapping.none')}</SelectItem>
                  {imp.headers.map((h, i) => (
                    <SelectItem key={i} value={String(i)}>
                      {h}
                    </SelectItem>
                  ))}
                </SelectContent>
              </Select>
            </div>
          ))}
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>
            <h2>{t('preview.title')}</h2>
          </CardTitle>
          {preview.data && <CardDescription role="status">{t('preview.summary', { valid: formatNumber(preview.data.valid, lang), invalid: formatNumber(preview.data.invalid, lang) })}</CardDescription>}
        </CardHeader>
        <CardContent>
          {preview.error && <p role="alert" className="text-sm text-red-700">{describeError(preview.error, tc)}</p>}
          {preview.data && (
            <Table aria-label={t('preview.title')}>
              <TableHeader>
                <TableRow>
                  <TableHead>{t('preview.row')}</TableHead>
                  {Object.keys(map).map((key) => (
                    <TableHead key={key}>{label(key)}</TableHead>
                  ))}
                </TableRow>
              </TableHeader>
              <TableBody>
                {preview.data.rows.map((r) => (
                  <TableRow key={r.row}>
                    <TableCell className="text-muted-foreground tabular-nums">{r.row}</TableCell>
                    {r.cells.map((c) => (
                      <TableCell key={c.field} className={c.error ? 'bg-red-50 text-red-800' : undefined} title={c.error ?? undefined}>
                        {c.value}
                        {c.error && <span className="block text-xs">{c.error}</span>}
                      </TableCell>
                    ))}
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </CardContent>
      </Card>

      <Card>
        <CardHeader>
          <CardTitle>
            <h2>{t('options.title')}</h2>
          </CardTitle>
        </CardHeader>
        <CardContent className="space-y-4">
          <fieldset className="space-y-2">
            <legend className="text-sm font-medium">{t('options.duplicates')}</legend>
            {(['skip', 'update', 'add'] as const).map((p) => (
              <label key={p} className="flex items-start gap-2 text-sm">
                <input type="radio" name="duplicates" className="mt-1" checked={policy === p} onChange={() => setPolicy(p)} />
                <span>{t(`options.policy.${p}`)}</span>
              </label>
            ))}
          </fieldset>
          <label className="flex items-start gap-2 text-sm">
            <Checkbox className="mt-0.5" checked={runOnCreate} onChange={(e) => setRunOnCreate(e.target.checked)} />
            <span>{t('options.runOnCreate')}</span>
          </label>
          <p className="rounded-md border bg-muted/40 p-3 text-sm">{runOnCreate ? t('options.rulesOn') : t('options.rulesOff')}</p>
          {start.error && <p role="alert" className="text-sm text-red-700">{describeError(start.error, tc)}</p>}
          <div className="flex gap-2">
            <Button variant="outline" onClick={onRestart}>
              {t('options.cancel')}
            </Button>
            <Button disabled={!preview.data || preview.data.valid === 0} pending={start.isPending} onClick={() => start.mutate({ id, mapping: map, duplicatePolicy: policy, runOnCreate })}>
              {t('options.start', { count: preview.data?.valid ?? 0 })}
            </Button>
          </div>
        </CardContent>
      </Card>
    </div>
  );
}
