/*
 * khabar_rank: FTS5's bm25, with each phrase's document count given by the caller.
 *
 * FTS5's own bm25() counts, on every query, the rows that hold each phrase over the whole index
 * (xQueryPhrase), to weigh the phrase: on 100 000 articles that is ~6 ms a query whatever is
 * ranked (2.7 ms for a common word, 17 ms for a phrase), most of a search's cost. The counts
 * change only as articles are written, so khabar counts each phrase once and keeps the count
 * (src/store/sqlite/search.ts); this function is the rest of bm25, line for line as in
 * SQLite's fts5_aux.c (k1 = 1.2, b = 0.75, the same IDF and its 1e-6 floor):
 *
 *   khabar_bm25(articles_fts, nPhrase, w_0 .. w_{nCol-1}, hits_0 .. hits_{nPhrase-1})
 *
 * w_c weighs column c (title 4, body 1, as the table's rank setting); hits_i is the number of
 * rows phrase i matches alone. Built by scripts/build-native.mjs; loaded by search.ts when
 * present, which otherwise ranks with bm25() itself.
 */
#include <math.h>
#include <string.h>
#include <sqlite3ext.h>
SQLITE_EXTENSION_INIT1

typedef struct RankData RankData;
struct RankData {
  int nPhrase;
  double avgdl;
  double *aIDF;
  double *aFreq;
};

static int rankData(const Fts5ExtensionApi *pApi, Fts5Context *pFts, int nPhraseArg, int nCol,
                    sqlite3_value **apVal, RankData **pp) {
  RankData *p = (RankData *)pApi->xGetAuxdata(pFts, 0);
  if (p == 0) {
    int nPhrase = pApi->xPhraseCount(pFts);
    sqlite3_int64 nRow = 0, nToken = 0;
    int rc, i;
    if (nPhrase != nPhraseArg) return SQLITE_MISUSE;
    p = (RankData *)sqlite3_malloc64(sizeof(RankData) + (sqlite3_int64)nPhrase * 2 * sizeof(double));
    if (p == 0) return SQLITE_NOMEM;
    memset(p, 0, sizeof(RankData) + (size_t)nPhrase * 2 * sizeof(double));
    p->nPhrase = nPhrase;
    p->aIDF = (double *)&p[1];
    p->aFreq = &p->aIDF[nPhrase];
    rc = pApi->xRowCount(pFts, &nRow);
    if (rc == SQLITE_OK) rc = pApi->xColumnTotalSize(pFts, -1, &nToken);
    if (rc != SQLITE_OK) {
      sqlite3_free(p);
      return rc;
    }
    p->avgdl = (double)nToken / (double)(nRow > 0 ? nRow : 1);
    for (i = 0; i < nPhrase; i++) {
      double nHit = sqlite3_value_double(apVal[1 + nCol + i]);
      double idf = log((nRow - nHit + 0.5) / (nHit + 0.5));
      if (idf <= 0.0) idf = 1e-6;
      p->aIDF[i] = idf;
    }
    rc = pApi->xSetAuxdata(pFts, p, sqlite3_free);
    if (rc != SQLITE_OK) return rc;
  }
  *pp = p;
  return SQLITE_OK;
}

static void khabarBm25(const Fts5ExtensionApi *pApi, Fts5Context *pFts, sqlite3_context *pCtx, int nVal,
                       sqlite3_value **apVal) {
  const double k1 = 1.2, b = 0.75;
  int nCol = pApi->xColumnCount(pFts);
  int nPhrase = nVal > 0 ? sqlite3_value_int(apVal[0]) : -1;
  RankData *p = 0;
  int rc, i, nInst = 0, nTok = 0;
  double score = 0.0;
  if (nPhrase < 0 || nVal != 1 + nCol + nPhrase) {
    sqlite3_result_error(pCtx, "khabar_bm25: expected (table, nPhrase, a weight per column, a count per phrase)", -1);
    return;
  }
  rc = rankData(pApi, pFts, nPhrase, nCol, apVal, &p);
  if (rc == SQLITE_OK) {
    memset(p->aFreq, 0, sizeof(double) * p->nPhrase);
    rc = pApi->xInstCount(pFts, &nInst);
  }
  for (i = 0; rc == SQLITE_OK && i < nInst; i++) {
    int ip, ic, io;
    rc = pApi->xInst(pFts, i, &ip, &ic, &io);
    if (rc == SQLITE_OK) p->aFreq[ip] += sqlite3_value_double(apVal[1 + ic]);
  }
  if (rc == SQLITE_OK) rc = pApi->xColumnSize(pFts, -1, &nTok);
  if (rc != SQLITE_OK) {
    sqlite3_result_error_code(pCtx, rc);
    return;
  }
  for (i = 0; i < p->nPhrase; i++)
    score += p->aIDF[i] * ((p->aFreq[i] * (k1 + 1.0)) / (p->aFreq[i] + k1 * (1 - b + b * nTok / p->avgdl)));
  sqlite3_result_double(pCtx, -1.0 * score);
}

/* The FTS5 API of this connection (the documented way: SELECT fts5(?1) with a pointer bound). */
static fts5_api *fts5Api(sqlite3 *db) {
  fts5_api *pRet = 0;
  sqlite3_stmt *pStmt = 0;
  if (sqlite3_prepare(db, "SELECT fts5(?1)", -1, &pStmt, 0) == SQLITE_OK) {
    sqlite3_bind_pointer(pStmt, 1, (void *)&pRet, "fts5_api_ptr", 0);
    sqlite3_step(pStmt);
  }
  sqlite3_finalize(pStmt);
  return pRet;
}

#ifdef _WIN32
__declspec(dllexport)
#endif
int sqlite3_extension_init(sqlite3 *db, char **pzErrMsg, const sqlite3_api_routines *pApi) {
  fts5_api *fts;
  SQLITE_EXTENSION_INIT2(pApi);
  fts = fts5Api(db);
  if (fts == 0 || fts->iVersion < 2) {
    *pzErrMsg = sqlite3_mprintf("khabar_rank: this SQLite has no FTS5");
    return SQLITE_ERROR;
  }
  return fts->xCreateFunction(fts, "khabar_bm25", 0, khabarBm25, 0);
}
