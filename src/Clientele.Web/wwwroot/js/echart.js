// Draws an ECharts option into an element, for the EChart component. The element gets data-rendered="true" once the
// chart has finished drawing (browser tests wait on it); a ResizeObserver keeps the chart fitted to its box.
export function render(element, option, dotnet) {
    const chart = echarts.getInstanceByDom(element) ?? echarts.init(element, null, { renderer: 'canvas' });
    if (!element._clienteleObserver) {
        element._clienteleObserver = new ResizeObserver(() => chart.resize());
        element._clienteleObserver.observe(element);
    }
    element.removeAttribute('data-rendered');
    chart.off('finished');
    chart.on('finished', () => element.setAttribute('data-rendered', 'true'));
    chart.off('click');
    if (dotnet) {
        chart.on('click', p => dotnet.invokeMethodAsync('Clicked', {
            name: p.name ?? null,
            seriesName: p.seriesName ?? null,
            dataIndex: typeof p.dataIndex === 'number' ? p.dataIndex : -1,
            id: p.data && p.data.id !== undefined && p.data.id !== null ? String(p.data.id) : null,
        }));
    }
    chart.setOption(withSymlog({ ...option, animation: false }), true);
}

export function dispose(element) {
    element._clienteleObserver?.disconnect();
    echarts.getInstanceByDom(element)?.dispose();
}

// An axis marked symlog holds sign(v) * log10(1 + |v|) (the server transforms the data): its labels show v again, and a
// tooltip marked symlog names the untransformed values, which each point carries after its two plotted ones.
const compact = new Intl.NumberFormat('en', { notation: 'compact', maximumSignificantDigits: 1 });
const unSymlog = t => Math.sign(t) * (Math.pow(10, Math.abs(t)) - 1);

function withSymlog(option) {
    for (const axis of [option.xAxis, option.yAxis].flat()) {
        if (!axis || !axis.symlog) continue;
        delete axis.symlog;
        axis.axisLabel = { ...(axis.axisLabel ?? {}), formatter: t => compact.format(Math.round(unSymlog(t))) };
    }
    const names = option.tooltip?.symlog;
    if (names) {
        delete option.tooltip.symlog;
        const whole = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });
        option.tooltip.formatter = p => `${p.seriesName}: ${p.name}<br/>${names[0]} ${whole.format(p.value[2])}<br/>${names[1]} ${whole.format(p.value[3])}`;
    }
    return option;
}
