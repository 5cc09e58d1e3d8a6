import '../../styles/app.css';
import { ConnectView } from '../../components/ConnectView';
import { mount } from '../../lib/mount';
import { createPageEnvironment } from '../../lib/page-environment';
import { createWalletsClient } from '../../lib/wallets-client';

/**
 * The wallet-connect page. The companion serves it at http://127.0.0.1:<port>/connect because
 * wallet extensions (Phantom, MetaMask, …) inject their providers into web pages and never into
 * another extension's pages. The page reaches the API with the session cookie the one-time
 * link set (routes/session.ts), like the dashboard the companion serves.
 */
const wallets = createWalletsClient({ baseUrl: location.origin, auth: { kind: 'session' } });
mount(createPageEnvironment(location.origin), <ConnectView wallets={wallets} target={window} />);
