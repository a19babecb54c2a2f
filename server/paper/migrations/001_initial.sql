-- Paper trading: one balance row per account, orders, append-only fills, positions.
-- Money is NUMERIC(40,0): integers in units of 10^-16 (MONEY_SCALE) of the account currency,
-- read back as text and parsed into bigint, never through a float. Sizes, prices and times are
-- BIGINT (integer units and epoch milliseconds).
-- row_no columns are identity columns: they give a strict insertion order for paging, since
-- engine ids are strings and timestamps can tie.

CREATE TABLE paper_accounts (
  account_id TEXT PRIMARY KEY,
  currency TEXT NOT NULL,
  cash NUMERIC(40, 0) NOT NULL,
  starting_cash NUMERIC(40, 0) NOT NULL,
  fees_paid NUMERIC(40, 0) NOT NULL,
  realized_pnl NUMERIC(40, 0) NOT NULL,
  next_order_number BIGINT NOT NULL CHECK (next_order_number >= 0),
  next_fill_number BIGINT NOT NULL CHECK (next_fill_number >= 0),
  seq BIGINT NOT NULL CHECK (seq >= 1),
  updated_at BIGINT NOT NULL
);

CREATE TABLE paper_orders (
  row_no BIGINT GENERATED ALWAYS AS IDENTITY,
  account_id TEXT NOT NULL REFERENCES paper_accounts (account_id),
  id TEXT NOT NULL,
  client_order_id TEXT NOT NULL,
  inst INTEGER NOT NULL,
  side TEXT NOT NULL CHECK (side IN ('buy', 'sell')),
  type TEXT NOT NULL CHECK (type IN ('market', 'limit', 'stop', 'stop_limit')),
  quantity BIGINT NOT NULL CHECK (quantity > 0),
  limit_price BIGINT,
  stop_price BIGINT,
  time_in_force TEXT NOT NULL CHECK (time_in_force IN ('gtc', 'ioc')),
  post_only BOOLEAN NOT NULL,
  status TEXT NOT NULL CHECK (
    status IN ('pending', 'open', 'partially_filled', 'filled', 'cancelled', 'rejected')
  ),
  filled_quantity BIGINT NOT NULL CHECK (filled_quantity >= 0 AND filled_quantity <= quantity),
  filled_notional NUMERIC(40, 0) NOT NULL,
  reject_code TEXT,
  reject_message TEXT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (account_id, id),
  -- The idempotency key: a client order id names at most one order per account.
  CONSTRAINT paper_orders_client_order_id_key UNIQUE (account_id, client_order_id)
);

-- GET /api/orders?status=… newest first, and the open orders loaded at start.
CREATE INDEX paper_orders_status_idx ON paper_orders (account_id, status, row_no);
CREATE INDEX paper_orders_row_idx ON paper_orders (account_id, row_no);

CREATE TABLE paper_fills (
  row_no BIGINT GENERATED ALWAYS AS IDENTITY,
  account_id TEXT NOT NULL,
  id TEXT NOT NULL,
  order_id TEXT NOT NULL,
  inst INTEGER NOT NULL,
  side TEXT NOT NULL CHECK (side IN ('buy', 'sell')),
  price BIGINT NOT NULL,
  quantity BIGINT NOT NULL CHECK (quantity > 0),
  notional NUMERIC(40, 0) NOT NULL,
  fee NUMERIC(40, 0) NOT NULL,
  liquidity TEXT NOT NULL CHECK (liquidity IN ('maker', 'taker')),
  time BIGINT NOT NULL,
  CONSTRAINT paper_fills_pkey PRIMARY KEY (account_id, id),
  FOREIGN KEY (account_id, order_id) REFERENCES paper_orders (account_id, id)
);

-- GET /api/fills newest first.
CREATE INDEX paper_fills_time_idx ON paper_fills (account_id, time, row_no);
CREATE INDEX paper_fills_order_idx ON paper_fills (account_id, order_id);

CREATE TABLE paper_positions (
  account_id TEXT NOT NULL REFERENCES paper_accounts (account_id),
  inst INTEGER NOT NULL,
  quantity BIGINT NOT NULL,
  entry_notional NUMERIC(40, 0) NOT NULL,
  realized_pnl NUMERIC(40, 0) NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (account_id, inst)
);
